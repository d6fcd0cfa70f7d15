using Microsoft.Extensions.DependencyInjection;
using Nightshift.Connectivity.Sparkplug;
using Nightshift.Server.Twins;

namespace Nightshift.Server.Mqtt;

/// <summary>Registers the embedded broker and the Sparkplug host with grain-backed sessions.</summary>
public static class MqttServiceCollectionExtensions
{
    public static IServiceCollection AddMqttIngest(this IServiceCollection services)
    {
        services.AddSingleton<ISparkplugSessionStore, GrainSparkplugSessionStore>();
        services.AddSingleton<MqttIngestService>();
        services.AddHostedService(sp => sp.GetRequiredService<MqttIngestService>());
        return services;
    }
}
