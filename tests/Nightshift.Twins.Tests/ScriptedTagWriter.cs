using System.Collections.Concurrent;
using Nightshift.Core.Samples;
using Nightshift.Twins.Equipment;

namespace Nightshift.Twins.Tests;

/// <summary>
/// The host's tag writer as the tests script it, per tenant: what the "device" does with a write (echo the value back
/// through the twin, echo another value, refuse, stay silent). A tenant without a script has no route to a device.
/// </summary>
public sealed class ScriptedTagWriter : ITagWriter
{
    private readonly ConcurrentDictionary<string, Func<string, string, SampleValue, CancellationToken, ValueTask>> _scripts = new(StringComparer.Ordinal);

    /// <summary>Every write that reached the writer: (tenant, equipment path, tag, value).</summary>
    public ConcurrentQueue<(string Tenant, string Path, string Tag, SampleValue Value)> Writes { get; } = new();

    public void Script(string tenant, Func<string, string, SampleValue, CancellationToken, ValueTask> device) => _scripts[tenant] = device;

    public async ValueTask WriteAsync(string tenant, string equipmentPath, string tag, SampleValue value, CancellationToken cancellationToken)
    {
        if (!_scripts.TryGetValue(tenant, out var device))
        {
            throw new TagWriteException($"no connection reaches the device of {equipmentPath}");
        }

        Writes.Enqueue((tenant, equipmentPath, tag, value));
        await device(equipmentPath, tag, value, cancellationToken);
    }
}
