using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Nightshift.Connectivity.Json;
using Nightshift.Connectivity.Sparkplug;
using Nightshift.Core.Ingest;

namespace Nightshift.Connectivity.Mqtt;

/// <summary>
/// The MQTT broker embedded in the Nightshift process (MQTTnet server; MQTT 3.1.1 and 5) with its Sparkplug B primary
/// host application. Every connection is authenticated through <see cref="IMqttCredentialValidator"/> (anonymous and
/// wrong credentials get CONNACK "bad user name or password"); the principal's tenant stays with the session.
/// Every PUBLISH passes an interceptor that refuses payloads over <see cref="EmbeddedBrokerOptions.MaxPayloadBytes"/>,
/// hands <c>spBv1.0/...</c> to the <see cref="SparkplugHostApplication"/> and <c>nightshift/json/...</c> to the
/// <see cref="JsonDeviceCodec"/> and the ingest sink, with the publisher's tenant, before the PUBACK; other topics are
/// routed as ordinary MQTT, but only between clients of the same tenant. Bad input is logged and counted and affects
/// no other client. Thread-safe.
/// </summary>
public sealed class EmbeddedBroker : ISparkplugPublisher, IAsyncDisposable
{
    private const string PrincipalKey = "nightshift.principal";
    private const string ServerClientId = "nightshift";
    private const string ServerClientIdPrefix = "nightshift/";

    private readonly EmbeddedBrokerOptions _options;
    private readonly IMqttCredentialValidator _validator;
    private readonly IIngestSink _sink;
    private readonly TimeProvider _time;
    private readonly ILogger<EmbeddedBroker> _logger;
    private readonly MqttServer _server;
    private readonly ConcurrentDictionary<string, string> _clientTenants = new(StringComparer.Ordinal);

    // The tenant of the client that last set each retained message: MQTTnet keeps one retained message per topic and
    // delivers it without a sender, so this is how a retained message stays within its tenant.
    private readonly ConcurrentDictionary<string, string> _retainedTenants = new(StringComparer.Ordinal);
    private readonly string _stateTopic;

    public EmbeddedBroker(
        EmbeddedBrokerOptions options,
        IMqttCredentialValidator validator,
        IIngestSink sink,
        ISparkplugSessionStore sessions,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxPayloadBytes);
        _options = options;
        _validator = validator;
        _sink = sink;
        _time = timeProvider;
        _logger = loggerFactory.CreateLogger<EmbeddedBroker>();
        _stateTopic = SparkplugTopic.State(options.HostId).ToString();
        Host = new SparkplugHostApplication(new SparkplugHostOptions(options.HostId), sink, sessions, this, timeProvider, loggerFactory.CreateLogger<SparkplugHostApplication>());

        var builder = new MqttServerFactory().CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(options.Port);
        if (options.BindAddress.AddressFamily == AddressFamily.InterNetworkV6)
        {
            builder.WithDefaultEndpointBoundIPAddress(System.Net.IPAddress.None).WithDefaultEndpointBoundIPV6Address(options.BindAddress);
        }
        else
        {
            builder.WithDefaultEndpointBoundIPAddress(options.BindAddress).WithDefaultEndpointBoundIPV6Address(System.Net.IPAddress.None);
        }

        _server = new MqttServerFactory().CreateMqttServer(builder.Build());
        _server.ValidatingConnectionAsync += ValidateConnectionAsync;
        _server.InterceptingPublishAsync += InterceptPublishAsync;
        _server.InterceptingClientEnqueueAsync += InterceptEnqueueAsync;
        _server.ClientConnectedAsync += OnClientConnectedAsync;
        _server.ClientDisconnectedAsync += OnClientDisconnectedAsync;
    }

    /// <summary>The Sparkplug primary host application of this broker (for commands: <see cref="SparkplugHostApplication.WriteAsync"/>).</summary>
    public SparkplugHostApplication Host { get; }

    /// <summary>The TCP port the broker listens on.</summary>
    public int Port => _options.Port;

    /// <summary>Starts listening, then publishes the host's retained STATE online.</summary>
    /// <exception cref="SocketException">The address or port cannot be bound.</exception>
    public async Task StartAsync(CancellationToken ct)
    {
        await _server.StartAsync().WaitAsync(ct).ConfigureAwait(false);
        await Host.StartAsync(ct).ConfigureAwait(false);
        var address = _options.BindAddress.ToString();
        EmbeddedBrokerLog.Started(_logger, address, _options.Port);
    }

    /// <summary>Publishes the host's STATE offline, then stops listening and disconnects every client.</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        if (!_server.IsStarted)
        {
            return;
        }

        await Host.StopAsync(ct).ConfigureAwait(false);
        await _server.StopAsync(new MqttServerStopOptions()).WaitAsync(ct).ConfigureAwait(false);
        EmbeddedBrokerLog.Stopped(_logger, _options.Port);
    }

    /// <summary>
    /// Publishes a message from the server side (QoS 1), e.g. STATE or NCMD/DCMD, retained if asked; with a
    /// <paramref name="tenant"/> only that tenant's clients receive it.
    /// </summary>
    public async ValueTask PublishAsync(string? tenant, string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        await _server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = tenant is null ? ServerClientId : ServerClientIdPrefix + tenant }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server.IsStarted)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex)
            {
                EmbeddedBrokerLog.StopTimedOut(_logger, ex);
            }
        }

        _server.Dispose();
        await Host.DisposeAsync().ConfigureAwait(false);
    }

    private async Task ValidateConnectionAsync(ValidatingConnectionEventArgs e)
    {
        var clientId = e.ClientId ?? string.Empty;
        if (clientId.Length == 0 && e.CleanSession != false)
        {
            // MQTT 3.1.1 (3.1.3.1) and 5 let a client with a clean session leave its id to the server (mosquitto_pub does).
            clientId = e.AssignedClientIdentifier = "auto-" + Guid.NewGuid().ToString("N");
            EmbeddedBrokerLog.ClientIdAssigned(_logger, clientId);
        }

        if (string.IsNullOrEmpty(e.UserName))
        {
            Refuse(e, clientId, "anonymous");
            return;
        }

        if (clientId == ServerClientId || clientId.StartsWith(ServerClientIdPrefix, StringComparison.Ordinal))
        {
            e.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            ConnectivityMetrics.Error(ConnectivityMetrics.MqttAuthRefused);
            EmbeddedBrokerLog.ClientRefused(_logger, clientId, e.RemoteEndPoint?.ToString() ?? string.Empty, "the client id is reserved for the server");
            return;
        }

        MqttPrincipal? principal;
        try
        {
            principal = await _validator.ValidateAsync(clientId, e.UserName, e.Password, e.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The credential store failing refuses the connection; it must not reach MQTTnet.
            EmbeddedBrokerLog.ValidatorFailed(_logger, clientId, ex);
            principal = null;
        }

        if (principal is null)
        {
            Refuse(e, clientId, "wrong user name or password");
            return;
        }

        e.SessionItems[PrincipalKey] = principal;
        e.ReasonCode = MqttConnectReasonCode.Success;
        EmbeddedBrokerLog.ClientAuthenticated(_logger, clientId, principal.Tenant, principal.Name);
    }

    private void Refuse(ValidatingConnectionEventArgs e, string clientId, string reason)
    {
        e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
        ConnectivityMetrics.Error(ConnectivityMetrics.MqttAuthRefused);
        EmbeddedBrokerLog.ClientRefused(_logger, clientId, e.RemoteEndPoint?.ToString() ?? string.Empty, reason);
    }

    private async Task InterceptPublishAsync(InterceptingPublishEventArgs e)
    {
        if (e.SessionItems?[PrincipalKey] is not MqttPrincipal principal)
        {
            // Published by the server itself (STATE, NCMD, DCMD).
            return;
        }

        ConnectivityMetrics.Message();
        var message = e.ApplicationMessage;
        var topic = message.Topic ?? string.Empty;
        var payload = message.Payload;
        if (payload.Length > _options.MaxPayloadBytes)
        {
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.QuotaExceeded;
            e.Response.ReasonString = $"payload of {payload.Length} bytes exceeds the limit of {_options.MaxPayloadBytes}";
            ConnectivityMetrics.Error(ConnectivityMetrics.MqttOversizedPayload);
            EmbeddedBrokerLog.OversizedPayload(_logger, e.ClientId, topic, payload.Length, _options.MaxPayloadBytes);
            return;
        }

        if (topic == _stateTopic)
        {
            // Only this host announces its own STATE; a client must not be able to declare it offline or online.
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            ConnectivityMetrics.Error(ConnectivityMetrics.MqttNotAuthorized);
            EmbeddedBrokerLog.NotAuthorized(_logger, e.ClientId, topic, "the STATE topic of this primary host is reserved for the server");
            return;
        }

        if (message.Retain)
        {
            if (payload.Length == 0)
            {
                _retainedTenants.TryRemove(topic, out _);
            }
            else
            {
                _retainedTenants[topic] = principal.Tenant;
            }
        }

        try
        {
            if (topic.StartsWith(SparkplugTopic.Namespace + "/", StringComparison.Ordinal))
            {
                await Host.HandleAsync(principal.Tenant, topic, payload, e.CancellationToken).ConfigureAwait(false);
            }
            else if (topic.StartsWith(JsonDeviceCodec.TopicPrefix, StringComparison.Ordinal))
            {
                await HandleJsonAsync(e.ClientId, principal.Tenant, topic, payload, e.CancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !e.CancellationToken.IsCancellationRequested)
        {
            // The pipeline could not accept the data: neither route it nor acknowledge it, so that a QoS 1 publisher
            // sends it again after reconnecting. Nothing escapes into MQTTnet; other clients are not affected.
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.ImplementationSpecificError;
            e.CloseConnection = message.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce;
            EmbeddedBrokerLog.PipelineFailed(_logger, e.ClientId, topic, ex);
        }
    }

    private Task InterceptEnqueueAsync(InterceptingClientApplicationMessageEnqueueEventArgs e)
    {
        // Tenants share the broker but not their messages: a message reaches a client of another tenant only when it
        // is the server's own broadcast (STATE).
        var senderTenant = e.SenderClientId switch
        {
            ServerClientId => null,

            // MQTTnet delivers retained messages to a new subscription without a sender: the host's retained STATE is
            // the server's broadcast; any other retained message belongs to the tenant of the client that set it.
            { Length: 0 } when e.ApplicationMessage.Topic == _stateTopic => null,
            { Length: 0 } => _retainedTenants.TryGetValue(e.ApplicationMessage.Topic, out var owner) ? owner : string.Empty,
            { } id when id.StartsWith(ServerClientIdPrefix, StringComparison.Ordinal) => id[ServerClientIdPrefix.Length..],
            { } id => _clientTenants.TryGetValue(id, out var tenant) ? tenant : string.Empty,
            _ => null,
        };
        if (senderTenant is not null
            && (!_clientTenants.TryGetValue(e.ReceiverClientId, out var receiverTenant) || receiverTenant != senderTenant))
        {
            e.AcceptEnqueue = false;
        }

        return Task.CompletedTask;
    }

    private Task OnClientConnectedAsync(ClientConnectedEventArgs e)
    {
        if (e.SessionItems?[PrincipalKey] is MqttPrincipal principal)
        {
            _clientTenants[e.ClientId] = principal.Tenant;
        }

        return Task.CompletedTask;
    }

    private Task OnClientDisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        // On a takeover the same client id is already connected again: its entry stays.
        if (e.DisconnectType != MqttClientDisconnectType.Takeover
            && e.ClientId is { } clientId
            && e.SessionItems?[PrincipalKey] is MqttPrincipal principal)
        {
            _clientTenants.TryRemove(new KeyValuePair<string, string>(clientId, principal.Tenant));
        }

        return Task.CompletedTask;
    }

    private async ValueTask HandleJsonAsync(string clientId, string tenant, string topic, ReadOnlySequence<byte> payload, CancellationToken ct)
    {
        if (!JsonDeviceCodec.TryParseTopic(topic, out var source, out var topicError))
        {
            ConnectivityMetrics.Error(ConnectivityMetrics.MqttBadTopic);
            EmbeddedBrokerLog.BadInput(_logger, clientId, topic, topicError);
            return;
        }

        IReadOnlyList<SourcePoint> points;
        try
        {
            points = JsonDeviceCodec.Decode(payload, _time.GetUtcNow().UtcDateTime);
        }
        catch (JsonDeviceFormatException ex)
        {
            ConnectivityMetrics.Error(ConnectivityMetrics.JsonInvalid);
            EmbeddedBrokerLog.BadInput(_logger, clientId, topic, ex.Message);
            return;
        }

        if (points.Count == 0)
        {
            return;
        }

        await _sink.IngestAsync(new SourceBatch(tenant, source, points), ct).ConfigureAwait(false);
        ConnectivityMetrics.IngestedPoints("json", points.Count);
    }
}
