using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Assets;
using Nightshift.Core.Ingest;
using Nightshift.Core.Plant;
using Nightshift.Core.Samples;
using Nightshift.Server.Data;
using Nightshift.Server.Ingest;

namespace Nightshift.Server.Connectors;

/// <summary>
/// Keeps the connectors of every tenant: stores their documents in the metadata database (<see cref="ConnectorEntry"/>),
/// runs the enabled ones (<see cref="IConnectorRuntime"/>: Modbus or OPC UA) and reports their status. On node start every stored enabled
/// connector starts again; on stop all stop. Changes are serialized (one at a time); reads are lock-free snapshots.
/// Thread-safe.
/// </summary>
public sealed class ConnectorManager(
    IDbContextFactory<MetadataDbContext> contexts,
    IIngestSink sink,
    TimeProvider time,
    ILoggerFactory loggers,
    PlantCatalog? plants = null,
    NightshiftOptions? options = null) : IHostedService, IAsyncDisposable
{
    private readonly SemaphoreSlim _changes = new(1, 1);
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Tenant, string Name), (ConnectorDocument Document, IConnectorRuntime Runtime)> _connectors = [];
    private readonly ILogger _logger = loggers.CreateLogger<ConnectorManager>();
    private int _disposed;

    /// <summary>
    /// Loads the stored connectors and the ones the plant files declare (a plant file's connector replaces a stored one
    /// of the same name), and starts the enabled ones.
    /// </summary>
    /// <exception cref="PlantFileException">A connector of a plant file is not valid; every error is listed with its place.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var declared = ReadDeclared();
        List<ConnectorEntry> entries;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            entries = await db.Connectors.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var running = 0;
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var entry in entries)
            {
                if (declared.Any(d => d.Tenant == entry.Tenant && d.Connector.Settings!.Name == entry.Name))
                {
                    continue;
                }

                var read = ConnectorDocumentReader.Read(entry.Document);
                if (!read.IsValid)
                {
                    ConnectorLog.StoredInvalid(_logger, entry.Tenant, entry.Name, string.Join("; ", read.Errors));
                    continue;
                }

                var runtime = CreateRuntime(entry.Tenant, read.Settings!);
                lock (_gate)
                {
                    _connectors[(entry.Tenant, entry.Name)] = (read.Document!, runtime);
                }

                if (read.Settings!.Enabled)
                {
                    runtime.Start();
                    running++;
                }
            }
        }
        finally
        {
            _changes.Release();
        }

        foreach (var (tenant, connector) in declared)
        {
            await PutAsync(tenant, connector, cancellationToken).ConfigureAwait(false);
            running += connector.Settings!.Enabled ? 1 : 0;
        }

        ConnectorLog.Loaded(_logger, entries.Count + declared.Count, running);
    }

    /// <summary>The connectors of the plant files, checked; throws with every error when one is not valid.</summary>
    private List<(string Tenant, ConnectorReadResult Connector)> ReadDeclared()
    {
        var declared = new List<(string, ConnectorReadResult)>();
        var errors = new List<PlantFileError>();
        foreach (var tenant in plants?.Tenants ?? [])
        {
            foreach (var connector in plants!.GetConfigured(tenant)?.Connectors ?? [])
            {
                var read = ConnectorDocumentReader.Read(connector.Json);
                if (read.IsValid)
                {
                    declared.Add((tenant, read));
                }
                else
                {
                    errors.AddRange(read.Errors.Select(e => new PlantFileError(connector.File, connector.Line, connector.Column, "connectors." + connector.Name, e)));
                }
            }
        }

        return errors.Count == 0 ? declared : throw new PlantFileException(errors);
    }

    /// <summary>Stops every connector (their sources go offline).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            IConnectorRuntime[] runtimes;
            lock (_gate)
            {
                runtimes = [.. _connectors.Values.Select(c => c.Runtime)];
            }

            foreach (var runtime in runtimes)
            {
                await runtime.StopAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Stops every connector; safe to call more than once (the container disposes it as itself and as a hosted service).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _changes.Dispose();
    }

    /// <summary>
    /// Writes a value to the point that feeds <paramref name="tag"/> of <paramref name="source"/> in
    /// <paramref name="tenant"/>, through the connector that reads it, and reads it back; false when no connector of the
    /// tenant reads it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The connector is stopped or not connected, or the device refused the write.</exception>
    /// <exception cref="ArgumentException">The point is read-only or the value does not fit it.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public async Task<bool> WriteAsync(string tenant, string source, string tag, SampleValue value, CancellationToken cancellationToken)
    {
        IConnectorRuntime[] runtimes;
        lock (_gate)
        {
            runtimes = [.. _connectors.Where(c => c.Key.Tenant == tenant).Select(c => c.Value.Runtime)];
        }

        foreach (var runtime in runtimes)
        {
            if (await runtime.TryWriteAsync(source, tag, value, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The source of the connector of <paramref name="tenant"/> bound to <paramref name="equipment"/> (<c>{kind}/{path}</c>), or null.</summary>
    public string? BoundSourceOf(string tenant, AssetPath equipment)
    {
        ArgumentNullException.ThrowIfNull(equipment);
        lock (_gate)
        {
            return _connectors.Where(c => c.Key.Tenant == tenant && equipment.Equals(c.Value.Runtime.Settings.Equipment))
                .Select(c => c.Value.Runtime.Settings.Kind + "/" + equipment.Value)
                .FirstOrDefault();
        }
    }

    private IConnectorRuntime CreateRuntime(string tenant, ConnectorSettings settings) =>
        settings.OpcUa is not null
            ? new OpcUaConnectorRuntime(tenant, settings, sink, time, loggers, Path.Combine(Path.GetFullPath(options?.DataDirectory ?? "data"), "pki"))
            : new ConnectorRuntime(tenant, settings, sink, time, loggers);

    /// <summary>The connectors of <paramref name="tenant"/>, by name.</summary>
    public IReadOnlyList<ConnectorView> List(string tenant)
    {
        lock (_gate)
        {
            return [.. _connectors.Where(c => c.Key.Tenant == tenant).OrderBy(c => c.Key.Name, StringComparer.Ordinal).Select(c => View(c.Value))];
        }
    }

    /// <summary>One connector of <paramref name="tenant"/>, or null.</summary>
    public ConnectorView? Get(string tenant, string name)
    {
        lock (_gate)
        {
            return _connectors.TryGetValue((tenant, name), out var connector) ? View(connector) : null;
        }
    }

    /// <summary>
    /// Stores a checked connector (<see cref="ConnectorDocumentReader"/>), replacing one of the same name, and starts it
    /// when enabled. Returns true when it was created, false when replaced.
    /// </summary>
    /// <exception cref="ArgumentException">The result is not valid.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public async Task<bool> PutAsync(string tenant, ConnectorReadResult connector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(connector);
        if (!connector.IsValid)
        {
            throw new ArgumentException("The connector document is not valid: " + string.Join("; ", connector.Errors), nameof(connector));
        }

        var document = connector.Document!;
        var settings = connector.Settings!;
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var created = await SaveAsync(tenant, settings.Name, document, cancellationToken).ConfigureAwait(false);
            IConnectorRuntime? previous;
            var runtime = CreateRuntime(tenant, settings);
            lock (_gate)
            {
                previous = _connectors.TryGetValue((tenant, settings.Name), out var old) ? old.Runtime : null;
            }

            if (previous is not null)
            {
                await previous.StopAsync(cancellationToken).ConfigureAwait(false);
            }

            lock (_gate)
            {
                _connectors[(tenant, settings.Name)] = (document, runtime);
            }

            if (settings.Enabled)
            {
                runtime.Start();
            }

            ConnectorLog.Saved(_logger, tenant, settings.Name, created ? "created" : "replaced");
            return created;
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Enables (starts) or disables (stops) a connector and stores the choice; null when there is no such connector.</summary>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public async Task<ConnectorView?> SetEnabledAsync(string tenant, string name, bool enabled, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            (ConnectorDocument Document, IConnectorRuntime Runtime) connector;
            lock (_gate)
            {
                if (!_connectors.TryGetValue((tenant, name), out connector))
                {
                    return null;
                }
            }

            var document = connector.Document with { Enabled = enabled };
            await SaveAsync(tenant, name, document, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                _connectors[(tenant, name)] = (document, connector.Runtime);
            }

            if (enabled)
            {
                connector.Runtime.Start();
            }
            else
            {
                await connector.Runtime.StopAsync(cancellationToken).ConfigureAwait(false);
            }

            return View((document, connector.Runtime));
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Stops and removes a connector; false when there is no such connector.</summary>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public async Task<bool> DeleteAsync(string tenant, string name, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            IConnectorRuntime runtime;
            lock (_gate)
            {
                if (!_connectors.Remove((tenant, name), out var connector))
                {
                    return false;
                }

                runtime = connector.Runtime;
            }

            await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
            {
                await db.Connectors.Where(c => c.Tenant == tenant && c.Name == name).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            }

            await runtime.StopAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _changes.Release();
        }
    }

    private static ConnectorView View((ConnectorDocument Document, IConnectorRuntime Runtime) connector) =>
        new(connector.Document, connector.Runtime.Status);

    private async Task<bool> SaveAsync(string tenant, string name, ConnectorDocument document, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entry = await db.Connectors.SingleOrDefaultAsync(c => c.Tenant == tenant && c.Name == name, cancellationToken).ConfigureAwait(false);
        var created = entry is null;
        entry ??= db.Connectors.Add(new ConnectorEntry { Tenant = tenant, Name = name, Document = string.Empty }).Entity;
        entry.Document = ConnectorDocumentReader.Write(document);
        entry.Updated = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return created;
    }
}
