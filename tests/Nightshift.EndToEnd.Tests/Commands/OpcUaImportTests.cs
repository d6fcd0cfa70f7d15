using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests.Commands;

/// <summary>
/// <c>POST /api/v1/connectors/opcua/import</c> against a real node-opcua server: the address space under Plant becomes a
/// plant file with equipment, types and connectors; a server that is not there answers 502, a bad line 400.
/// </summary>
public sealed class OpcUaImportTests(SharedPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_servers_address_space_becomes_a_plant_file_to_edit()
    {
        await using var server = await NodeOpcUaServer.StartAsync();

        using var response = await platform.Http.PostAsJsonAsync(
            "/api/v1/connectors/opcua/import",
            new { endpointUrl = server.EndpointUrl, user = "operator", password = "secret", root = "ns=1;s=Plant", maxDepth = 3, line = "imported/area/line-1", intervalMs = 500 },
            Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        result.GetProperty("equipment").GetInt32().ShouldBeGreaterThanOrEqualTo(3); // Plant (Counter), Scalars, Setpoints, Many
        result.GetProperty("tags").GetInt32().ShouldBeGreaterThan(70);
        result.GetProperty("skippedVariables").GetInt32().ShouldBeGreaterThan(0); // the arrays and the matrix
        var plantFile = result.GetProperty("plantFile").GetString()!;
        plantFile.ShouldContain("nodeId: \"ns=1;s=Counter\"");
        plantFile.ShouldContain("equipment: imported/area/line-1/setpoints");
        plantFile.ShouldContain("kind: opcua");
    }

    [Fact]
    public async Task An_unreachable_server_answers_502_and_a_bad_line_400()
    {
        using var unreachable = await platform.Http.PostAsJsonAsync(
            "/api/v1/connectors/opcua/import", new { endpointUrl = $"opc.tcp://127.0.0.1:{FreePort.Next()}/UA/Nowhere", line = "imported/area/line-1" }, Ct);
        unreachable.StatusCode.ShouldBe(HttpStatusCode.BadGateway, await unreachable.Content.ReadAsStringAsync(Ct));

        using var badLine = await platform.Http.PostAsJsonAsync("/api/v1/connectors/opcua/import", new { endpointUrl = "opc.tcp://127.0.0.1:4840", line = "imported" }, Ct);
        badLine.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badLine.Content.ReadAsStringAsync(Ct)).ShouldContain("line");
    }
}
