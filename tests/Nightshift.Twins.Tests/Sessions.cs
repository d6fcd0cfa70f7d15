using System.Text.Json;
using Nightshift.Twins.EdgeNodes;

namespace Nightshift.Twins.Tests;

/// <summary>Edge node sessions for tests, and a deep comparison (the records hold lists, compared by reference).</summary>
public static class Sessions
{
    public static EdgeNodeSession Birth(string groupId, string edgeNodeId, long bdSeq, int birthSeconds, int lastSeq = 0) => new(
        groupId,
        edgeNodeId,
        bdSeq,
        lastSeq,
        Online: true,
        Twin.At(birthSeconds),
        [new MetricInfo("Node Control/Rebirth", 1, 11, null), new MetricInfo("bdSeq", 2, 8, null)],
        [
            new DeviceSession("press1", true, [new MetricInfo("force", 10, 10, "kN"), new MetricInfo("state", 11, 12, null)]),
            new DeviceSession("press2", false, [new MetricInfo("force", 20, 10, "kN")]),
        ]);

    public static EdgeNodeSession Death(EdgeNodeSession session) => session with { Online = false };

    /// <summary>The session as JSON: equal JSON means equal sessions, lists included.</summary>
    public static string Json(EdgeNodeSession? session) => JsonSerializer.Serialize(session);
}
