using Microsoft.Extensions.DependencyInjection;

namespace Nightshift.Server.Alarms;

/// <summary>
/// Registers the <see cref="AlarmService"/> (one instance, also run as a hosted service for its timer and its writer) and
/// the <see cref="AlarmCommands"/> that the API and the console run operators' commands through.
/// </summary>
public static class AlarmServiceCollectionExtensions
{
    public static IServiceCollection AddAlarms(this IServiceCollection services)
    {
        services.AddSingleton<AlarmService>();
        services.AddHostedService(sp => sp.GetRequiredService<AlarmService>());
        services.AddSingleton<AlarmCommands>();
        return services;
    }
}
