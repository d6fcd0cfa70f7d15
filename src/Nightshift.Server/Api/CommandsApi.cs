using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nightshift.Core.Assets;
using Nightshift.Core.Samples;
using Nightshift.Server.Data;
using Nightshift.Server.Identity;
using Nightshift.Twins;
using Nightshift.Twins.Equipment;

namespace Nightshift.Server.Api;

/// <summary>
/// Remote commands: <c>POST /api/v1/commands/write</c> writes one tag through its equipment's twin, which sends it to
/// the device and waits for the read-back. Needs operator or more; every command is audited (who, what, value, outcome).
/// </summary>
public static class CommandsApi
{
    /// <summary>The default and the longest wait for a read-back, in milliseconds.</summary>
    public const int DefaultConfirmMs = 5_000;

    /// <inheritdoc cref="DefaultConfirmMs"/>
    public const int MaxConfirmMs = 60_000;

    public static IEndpointRouteBuilder MapCommandsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/v1/commands").RequireAuthorization(policy => policy.RequireRole(Roles.AtLeast(Roles.Operator)))
            .MapPost("/write", WriteAsync).WithName("WriteTag")
            .WithSummary("Writes a value to a writable tag of an equipment and waits for the device to report it back.")
            .Produces<WriteTagResponse>().ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    private static async Task<IResult> WriteAsync(WriteTagRequest? request, HttpContext context, IGrainFactory grains, AuditLog audit, TimeProvider time)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.Path) || string.IsNullOrWhiteSpace(request.Tag))
        {
            return ApiErrors.BadRequest("command_invalid", "path and tag are required");
        }

        if (!AssetPath.TryParse(request.Path, out var path, out var error))
        {
            return ApiErrors.BadRequest("command_invalid", error);
        }

        if (ToValue(request.Value) is not { } value)
        {
            return ApiErrors.BadRequest("command_invalid", "value must be a JSON number, boolean or string");
        }

        var confirmMs = request.ConfirmWithinMs ?? DefaultConfirmMs;
        if (confirmMs is < 1 or > MaxConfirmMs)
        {
            return ApiErrors.BadRequest("command_invalid", $"confirmWithinMs must be between 1 and {MaxConfirmMs}");
        }

        var tenant = context.User.Tenant();
        var written = TagValue.From(new Sample(default, time.GetUtcNow().UtcDateTime, value, Quality.Good));
        var twin = grains.GetGrain<IEquipmentGrain>(TwinKeys.Equipment(tenant, path.Value));
        var result = await twin.WriteTagAsync(request.Tag, written, TimeSpan.FromMilliseconds(confirmMs));
        var outcome = OutcomeName(result.Outcome);
        var details = string.Create(CultureInfo.InvariantCulture, $"{path.Value}.{request.Tag} = {value} → {outcome}")
            + (result.Error is null ? string.Empty : " (" + result.Error + ")")
            + (string.IsNullOrWhiteSpace(request.Comment) ? string.Empty : "; comment: " + request.Comment);
        await audit.WriteAsync(tenant, context.User.Actor(), "command.write", details, CancellationToken.None);
        var readBack = result.ReadBack;
        return Results.Ok(new WriteTagResponse(
            outcome,
            readBack?.ToSampleValue().ToObject(),
            readBack?.Timestamp,
            readBack is null ? null : new Quality(readBack.Quality).ToString(),
            result.Error));
    }

    private static SampleValue? ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.TryGetInt64(out var whole) && !element.GetRawText().Contains('.', StringComparison.Ordinal)
            ? SampleValue.FromLong(whole)
            : SampleValue.FromDouble(element.GetDouble()),
        JsonValueKind.True => SampleValue.FromBool(true),
        JsonValueKind.False => SampleValue.FromBool(false),
        JsonValueKind.String => SampleValue.FromString(element.GetString()!),
        _ => null,
    };

    private static string OutcomeName(TagWriteOutcome outcome) => outcome switch
    {
        TagWriteOutcome.Confirmed => "confirmed",
        TagWriteOutcome.NotConfirmed => "notConfirmed",
        _ => "refused",
    };
}
