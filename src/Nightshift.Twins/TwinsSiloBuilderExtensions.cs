using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Nightshift.Twins.Equipment;
using Nightshift.Twins.Storage;

namespace Nightshift.Twins;

/// <summary>Registers the twins' storage with a silo.</summary>
public static class TwinsSiloBuilderExtensions
{
    /// <summary>Stores twin state in a SQLite file (the embedded default).</summary>
    public static ISiloBuilder AddSqliteTwinStorage(this ISiloBuilder builder, string databaseFile)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddKeyedSingleton<IGrainStorage>(
            EquipmentGrain.StorageName,
            (services, _) => new SqliteGrainStorage(databaseFile, services.GetRequiredService<Serializer>()));
        return builder;
    }
}
