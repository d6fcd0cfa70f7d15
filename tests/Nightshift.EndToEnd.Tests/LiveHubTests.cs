using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests;

/// <summary>
/// The SignalR live hub (<c>/hubs/live</c>) of the shared demo instance, through the real .NET SignalR client:
/// a signed-in client receives <c>update</c> messages of the virtual plant; a wrong token is refused at negotiation.
/// </summary>
public sealed class LiveHubTests(SharedPlatform platform)
{
    private const string LiveHubPath = "/hubs/live";
    private const string UpdateMethod = "update";
    private const string PlantSite = "stuttgart/";
    private static readonly TimeSpan UpdateDeadline = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signed_in_client_receives_updates_of_the_virtual_plant_with_tag_values()
    {
        var token = platform.Http.DefaultRequestHeaders.Authorization?.Parameter
            ?? throw new InvalidOperationException("The shared client carries no bearer token.");
        var updates = Channel.CreateUnbounded<JsonElement>();
        var connection = Connect(token);
        await using (connection)
        {
            using var subscription = connection.On<JsonElement>(UpdateMethod, update => updates.Writer.TryWrite(update.Clone()));

            await connection.StartAsync(Ct);

            var update = await FirstAsync(updates.Reader, IsPlantUpdateWithValues, UpdateDeadline, "an update of the virtual plant with tag values");
            update.GetProperty("tenant").GetString().ShouldBe("demo");
            var equipment = update.GetProperty("equipment").GetString()!;
            equipment.ShouldStartWith(PlantSite);
            var tags = update.GetProperty("tags").EnumerateArray().ToList();
            // A tag is named relative to its equipment: "power", not the full tag path.
            tags.ShouldAllBe(t => !string.IsNullOrEmpty(t.GetProperty("tag").GetString()) && !t.GetProperty("tag").GetString()!.StartsWith(equipment, StringComparison.Ordinal));
            tags.ShouldContain(t => t.GetProperty("value").ValueKind != JsonValueKind.Null);
            tags.ShouldAllBe(t => t.GetProperty("quality").ValueKind == JsonValueKind.String);
            tags.ShouldAllBe(t => t.GetProperty("good").ValueKind == JsonValueKind.True || t.GetProperty("good").ValueKind == JsonValueKind.False);
            tags.ShouldAllBe(t => t.GetProperty("timestamp").GetDateTime() > DateTime.UtcNow.AddMinutes(-5));

            // Updates keep coming, not just a burst at connection: a second one with values arrives as well.
            await FirstAsync(updates.Reader, IsPlantUpdateWithValues, UpdateDeadline, "a further update of the virtual plant");
        }
    }

    [Fact]
    public async Task Connection_with_a_wrong_token_is_refused_with_401()
    {
        var connection = Connect("nst_not-a-token-" + Guid.NewGuid().ToString("N"));
        await using (connection)
        {
            var refused = await Should.ThrowAsync<HttpRequestException>(() => connection.StartAsync(Ct));

            refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            connection.State.ShouldBe(HubConnectionState.Disconnected);
        }
    }

    private HubConnection Connect(string token) =>
        new HubConnectionBuilder()
            .WithUrl(platform.BaseUrl + LiveHubPath, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();

    private static bool IsPlantUpdateWithValues(JsonElement update) =>
        update.GetProperty("equipment").GetString()!.StartsWith(PlantSite, StringComparison.Ordinal)
        && update.GetProperty("tags").EnumerateArray().Any(t => t.GetProperty("value").ValueKind != JsonValueKind.Null);

    /// <summary>Reads updates until one matches, or throws <see cref="TimeoutException"/> at the deadline.</summary>
    private static async Task<JsonElement> FirstAsync(ChannelReader<JsonElement> updates, Func<JsonElement, bool> match, TimeSpan timeout, string what)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(timeout);
        var seen = 0;
        try
        {
            while (true)
            {
                var update = await updates.ReadAsync(deadline.Token);
                seen++;
                if (match(update))
                {
                    return update;
                }
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}; {seen} other update(s) received.");
        }
    }
}
