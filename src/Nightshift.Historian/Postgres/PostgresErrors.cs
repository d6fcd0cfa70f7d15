using System.Net.Sockets;
using Npgsql;

namespace Nightshift.Historian.Postgres;

/// <summary>Tells failures of the server or of the connection (worth a retry) from failures of the data. Pure and thread-safe.</summary>
internal static class PostgresErrors
{
    /// <summary>
    /// True for a server that is unreachable, starting, shutting down or out of resources, and for a broken connection:
    /// SQLSTATE classes 08 (connection exception), 53 (insufficient resources), 57P (operator intervention), 58
    /// (system error), or an I/O or socket failure underneath.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || pg.SqlState.StartsWith("53", StringComparison.Ordinal)
                        || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
                        || pg.SqlState.StartsWith("58", StringComparison.Ordinal);
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case SocketException or IOException or TimeoutException:
                    return true;
                default:
                    break;
            }
        }

        return false;
    }
}
