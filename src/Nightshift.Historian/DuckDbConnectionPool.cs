using System.Collections.Concurrent;
using DuckDB.NET.Data;

namespace Nightshift.Historian;

/// <summary>
/// Reader connections to one DuckDB database. DuckDB.NET shares one database instance between the connections of a
/// process that open the same file, so each connection here is a cheap handle on the writer's instance; a DuckDB
/// connection serves one caller at a time, hence the pool. Thread-safe. At most <c>idleLimit</c> idle connections are kept.
/// </summary>
internal sealed class DuckDbConnectionPool : IDisposable
{
    private readonly ConcurrentBag<DuckDBConnection> _idle = [];
    private readonly string _connectionString;
    private readonly int _idleLimit;
    private int _idleCount;
    private volatile bool _disposed;

    public DuckDbConnectionPool(string connectionString, int idleLimit)
    {
        _connectionString = connectionString;
        _idleLimit = idleLimit;
    }

    /// <summary>An open connection; give it back with <see cref="Return"/>.</summary>
    /// <exception cref="ObjectDisposedException">The pool was disposed.</exception>
    public DuckDBConnection Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            return connection;
        }

        connection = new DuckDBConnection(_connectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Return(DuckDBConnection connection)
    {
        if (_disposed)
        {
            connection.Dispose();
            return;
        }

        if (Interlocked.Increment(ref _idleCount) > _idleLimit)
        {
            Interlocked.Decrement(ref _idleCount);
            connection.Dispose();
            return;
        }

        _idle.Add(connection);
        if (_disposed)
        {
            Drain();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        Drain();
    }

    private void Drain()
    {
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }
}
