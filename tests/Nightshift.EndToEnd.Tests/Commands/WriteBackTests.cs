using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests.Commands;

/// <summary>
/// Write-back through the equipment twin on the running demo: a set point of the virtual plant's paint oven is written
/// with <c>POST /api/v1/commands/write</c>, travels as a Sparkplug DCMD to the simulator's edge node, and is confirmed
/// when the device reports it back; refusals name their reason; viewers may not write.
/// </summary>
public sealed class WriteBackTests(SharedPlatform platform)
{
    private const string Oven = "stuttgart/paint-shop/paint/oven";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;


    [Fact]
    public async Task A_set_point_written_to_the_oven_is_sent_as_a_dcmd_and_confirmed_by_the_read_back()
    {
        // Wait until the oven's set point is known, i.e. its edge node has been born.
        await Poll.UntilAsync(
            ct => platform.Http.GetTagAsync(Oven + ".zone3Setpoint", ct),
            t => t is { } tag && tag.GetProperty("value").ValueKind == JsonValueKind.Number,
            TimeSpan.FromSeconds(30),
            "the oven's zone 3 set point",
            Ct);

        var result = await platform.Http.WriteTagAsync(new { path = Oven, tag = "zone3Setpoint", value = 178.5, confirmWithinMs = 10_000, comment = "end-to-end test" }, Ct);
        result.GetProperty("outcome").GetString().ShouldBe("confirmed", result.ToString());
        result.GetProperty("readBack").GetDouble().ShouldBe(178.5);
        var tag = await platform.Http.GetTagAsync(Oven + ".zone3Setpoint", Ct);
        tag!.Value.GetProperty("value").GetDouble().ShouldBe(178.5);

        // Back to the plant's own set point; writing the value the device already reports confirms too.
        (await platform.Http.WriteTagAsync(new { path = Oven, tag = "zone3Setpoint", value = 180 }, Ct)).GetProperty("outcome").GetString().ShouldBe("confirmed");
        (await platform.Http.WriteTagAsync(new { path = Oven, tag = "zone3Setpoint", value = 180 }, Ct)).GetProperty("outcome").GetString().ShouldBe("confirmed");
    }

    [Fact]
    public async Task Writes_the_plant_does_not_allow_are_refused_with_the_reason()
    {
        var measured = await platform.Http.WriteTagAsync(new { path = Oven, tag = "zone2Temperature", value = 20 }, Ct);
        measured.GetProperty("outcome").GetString().ShouldBe("refused");
        measured.GetProperty("error").GetString()!.ShouldContain("not writable");

        var unknown = await platform.Http.WriteTagAsync(new { path = "stuttgart/paint-shop/paint/no-such-oven", tag = "zone1Setpoint", value = 170 }, Ct);
        unknown.GetProperty("outcome").GetString().ShouldBe("refused");
        unknown.GetProperty("error").GetString()!.ShouldContain("there is no equipment");

        var wrongType = await platform.Http.WriteTagAsync(new { path = Oven, tag = "zone1Setpoint", value = "hot" }, Ct);
        wrongType.GetProperty("outcome").GetString().ShouldBe("refused");

        // Out of the device's range: the simulator refuses the DCMD, so the set point never reads back as written.
        var outOfRange = await platform.Http.WriteTagAsync(new { path = Oven, tag = "zone1Setpoint", value = 400, confirmWithinMs = 1500 }, Ct);
        outOfRange.GetProperty("outcome").GetString().ShouldBe("notConfirmed");
        outOfRange.GetProperty("readBack").GetDouble().ShouldBeLessThan(400);
    }

    [Fact]
    public async Task A_viewer_may_not_write_and_a_bad_command_gets_400()
    {
        var name = "viewer-" + Guid.NewGuid().ToString("N")[..8];
        var password = SharedPlatform.NewPassword();
        using (var created = await platform.Http.PostAsJsonAsync("/api/v1/users", new { username = name, password, role = "viewer" }, Ct))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        using var viewer = await SharedPlatform.CreateAuthorizedClientAsync(platform.BaseUrl, name, password, Ct);
        using (var refused = await viewer.PostAsJsonAsync("/api/v1/commands/write", new { path = Oven, tag = "zone1Setpoint", value = 170 }, Ct))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        using var bad = await platform.Http.PostAsJsonAsync("/api/v1/commands/write", new { path = Oven, tag = "zone1Setpoint" }, Ct);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
