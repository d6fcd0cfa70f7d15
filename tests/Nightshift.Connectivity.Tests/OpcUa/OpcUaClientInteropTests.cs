using Nightshift.Connectivity.OpcUa.Client;
using Nightshift.Connectivity.OpcUa.Transport;
using Nightshift.Core.Assets;
using Nightshift.Connectivity.OpcUa.Security;
using Nightshift.Connectivity.OpcUa.Services;
using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.Tests.OpcUa;

/// <summary>The OPC UA client against a real node-opcua 2.182.2 server (tests/interop/opcua/server.js), security policy None.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1861:Avoid constant arrays as arguments", Justification = "Expected values read best inline; each test runs once.")]
public sealed class OpcUaClientInteropTests(OpcUaServerFixture fixture) : IClassFixture<OpcUaServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Endpoint => fixture.Server.EndpointUrl;

    private static readonly byte[] ByteStringValue = [1, 2, 3, 250];

    private static readonly double[] Matrix = [1, 2, 3, 4, 5, 6];

    private static readonly string[] ArrayNames = ["Int32Array", "DoubleArray", "StringArray", "BooleanArray", "ByteArray", "Matrix"];

    private static NodeId Node(string id) => NodeId.FromString(1, id);

    private static Variant Arr<T>(BuiltInType type, params T[] values) => Variant.Array(type, values);

    [Fact]
    public async Task GetEndpoints_lists_the_none_endpoint_with_anonymous_and_user_name_policies()
    {
        var endpoints = await OpcUaClient.GetEndpointsAsync(Endpoint, cancellationToken: Ct);

        var none = endpoints.Single(e => e.SecurityMode == MessageSecurityMode.None);
        none.SecurityPolicyUri.ShouldBe(NoSecurity.Uri);
        none.UserIdentityTokens.ShouldContain(p => p.TokenType == UserTokenType.Anonymous);
        none.UserIdentityTokens.ShouldContain(p => p.TokenType == UserTokenType.UserName && string.IsNullOrEmpty(p.SecurityPolicyUri));
        endpoints.ShouldContain(e => e.SecurityMode == MessageSecurityMode.SignAndEncrypt && e.ServerCertificate.Length > 0);
        none.Server.ApplicationUri.ShouldBe("urn:nightshift:interop:opcua");
    }

    [Fact]
    public async Task An_anonymous_session_reads_a_value()
    {
        await using var client = await OpcUaClient.ConnectAsync(Endpoint, cancellationToken: Ct);

        var value = await client.ReadValueAsync(Node("Scalar.Double"), Ct);

        value.Status.IsGood.ShouldBeTrue();
        value.Value.ShouldBe(Variant.From(2.718281828));
        client.State.ShouldBe(OpcUaConnectionState.Connected);
        client.ServerLimits.MaxMonitoredItemsPerCall.ShouldBe(1000u);
    }

    [Fact]
    public async Task A_user_name_session_sends_the_password_in_plain_text_under_policy_none()
    {
        var options = new OpcUaClientOptions { Identity = UserIdentity.FromUserName("operator", "secret") };

        await using var client = await OpcUaClient.ConnectAsync(Endpoint, options, cancellationToken: Ct);

        (await client.ReadValueAsync(Node("Counter"), Ct)).Status.IsGood.ShouldBeTrue();
    }

    [Fact]
    public async Task A_wrong_password_is_a_clear_error_with_the_status_code()
    {
        var options = new OpcUaClientOptions { Identity = UserIdentity.FromUserName("operator", "wrong") };

        var error = await Should.ThrowAsync<OpcUaServiceException>(() => OpcUaClient.ConnectAsync(Endpoint, options, cancellationToken: Ct));

        error.Status.IsBad.ShouldBeTrue();
        error.Message.ShouldContain("wrong user name or password");
        error.Message.ShouldContain("operator");
        error.Message.ShouldNotContain("wrong\"");
    }

    [Fact]
    public async Task Every_scalar_type_reads_as_its_clr_type()
    {
        await using var client = await OpcUaClient.ConnectAsync(Endpoint, cancellationToken: Ct);
        string[] names =
        [
            "Boolean", "SByte", "Byte", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64", "Float", "Double", "String", "DateTime",
            "Guid", "ByteString", "XmlElement", "NodeId", "StatusCode", "QualifiedName", "LocalizedText",
        ];

        var values = await client.ReadAsync([.. names.Select(n => new ReadValueId(Node("Scalar." + n)))], cancellationToken: Ct);

        values.ShouldAllBe(v => v.Status.IsGood);
        var byName = names.Zip(values).ToDictionary(p => p.First, p => p.Second.Value);
        byName["Boolean"].ShouldBe(Variant.From(true));
        byName["SByte"].ShouldBe(Variant.From((sbyte)-100));
        byName["Byte"].ShouldBe(Variant.From((byte)200));
        byName["Int16"].ShouldBe(Variant.From((short)-30000));
        byName["UInt16"].ShouldBe(Variant.From((ushort)60000));
        byName["Int32"].ShouldBe(Variant.From(-2_000_000_000));
        byName["UInt32"].ShouldBe(Variant.From(4_000_000_000u));
        byName["Int64"].ShouldBe(Variant.From(unchecked((long)0xFFFFFFFF_FFFFFFFEUL)));
        byName["UInt64"].ShouldBe(Variant.From(0x00000001_00000002UL));
        byName["Float"].ShouldBe(Variant.From(3.5f));
        byName["Double"].ShouldBe(Variant.From(2.718281828));
        byName["String"].ShouldBe(Variant.From("Grüße ✓"));
        byName["DateTime"].ShouldBe(Variant.From(new DateTime(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc)));
        byName["Guid"].ShouldBe(Variant.From(Guid.Parse("72962B91-FA75-4AE6-8D28-B404DC7DAF63")));
        byName["ByteString"].ShouldBe(Variant.From(ByteStringValue));
        byName["XmlElement"].ShouldBe(Variant.Scalar(BuiltInType.XmlElement, "<a>b</a>"));
        byName["NodeId"].ShouldBe(Variant.From(Node("Plant")));
        byName["StatusCode"].ShouldBe(Variant.From(new StatusCode(0x808B0000)));
        byName["QualifiedName"].ShouldBe(Variant.From(new QualifiedName(1, "Press")));
        byName["LocalizedText"].ShouldBe(Variant.From(new LocalizedText("de-DE", "Presse")));
        byName["Int32"].ToSampleValue().AsLong().ShouldBe(-2_000_000_000);
    }

    [Fact]
    public async Task Arrays_and_a_matrix_read_with_their_dimensions()
    {
        await using var client = await OpcUaClient.ConnectAsync(Endpoint, cancellationToken: Ct);

        var values = await client.ReadAsync(
            [.. ArrayNames.Select(n => new ReadValueId(Node("Array." + n)))],
            cancellationToken: Ct);

        values[0].Value.ShouldBe(Variant.Array(BuiltInType.Int32, new[] { 1, -2, 3, -4 }));
        values[1].Value.ShouldBe(Variant.Array(BuiltInType.Double, new[] { 1.5, 2.5, -3.25 }));
        values[2].Value.ShouldBe(Variant.Array(BuiltInType.String, new[] { "a", "", "ü" }));
        values[3].Value.ShouldBe(Variant.Array(BuiltInType.Boolean, new[] { true, false, true }));
        values[4].Value.ShouldBe(Arr(BuiltInType.Byte, (byte)0, (byte)1, (byte)255));
        values[5].Value.ShouldBe(Variant.Array(BuiltInType.Double, Matrix, [2, 3]));
        values[0].Value.ToSampleValue().AsString().ShouldBe("[1, -2, 3, -4]");
    }

    [Fact]
    public async Task Written_values_read_back()
    {
        await using var client = await OpcUaClient.ConnectAsync(Endpoint, cancellationToken: Ct);
        var speed = 10 + Random.Shared.Next(1, 1000);

        var results = await client.WriteAsync(
            [
                new WriteValue(Node("Setpoint.Speed"), new DataValue(Variant.From((double)speed))),
                new WriteValue(Node("Setpoint.Mode"), new DataValue(Variant.From("manual"))),
                new WriteValue(Node("Setpoint.Enabled"), new DataValue(Variant.From(true))),
                new WriteValue(Node("Array.Int32Array"), new DataValue(Variant.Array(BuiltInType.Int32, new[] { 7, 8, 9, 10 }))),
            ],
            Ct);

        results.ShouldAllBe(r => r.IsGood);
        var back = await client.ReadAsync([new ReadValueId(Node("Setpoint.Speed")), new ReadValueId(Node("Setpoint.Mode")), new ReadValueId(Node("Setpoint.Enabled")), new ReadValueId(Node("Array.Int32Array"))], cancellationToken: Ct);
        back[0].Value.ShouldBe(Variant.From((double)speed));
        back[1].Value.ShouldBe(Variant.From("manual"));
        back[2].Value.ShouldBe(Variant.From(true));
        back[3].Value.ShouldBe(Variant.Array(BuiltInType.Int32, new[] { 7, 8, 9, 10 }));
        await client.WriteValueAsync(Node("Array.Int32Array"), Variant.Array(BuiltInType.Int32, new[] { 1, -2, 3, -4 }), Ct);
    }

    [Fact]
    public async Task Bad_node_ids_and_refused_writes_give_bad_status_codes()
    {
        await using var client = await OpcUaClient.ConnectAsync(Endpoint, cancellationToken: Ct);

        var read = await client.ReadValueAsync(Node("No.Such.Node"), Ct);
        var readOnly = await client.WriteValueAsync(Node("Setpoint.ReadOnly"), Variant.From(2.0), Ct);
        var mismatch = await client.WriteValueAsync(Node("Setpoint.Speed"), Variant.From("fast"), Ct);

        read.Status.ShouldBe(StatusCode.BadNodeIdUnknown);
        read.Status.ToQuality().IsBad.ShouldBeTrue();
        read.Status.ToQuality().Code.ShouldBe(0x80340000u);
        readOnly.IsBad.ShouldBeTrue();
        mismatch.ShouldBe(StatusCode.BadTypeMismatch);
    }

    [Fact]
    public async Task Browse_follows_continuation_points()
    {
        await using var client = await OpcUaClient.ConnectAsync(Endpoint, cancellationToken: Ct);

        var results = await client.BrowseAsync([new BrowseDescription(Node("Many"))], maxReferencesPerNode: 7, Ct);

        results[0].Status.IsGood.ShouldBeTrue();
        var names = results[0].References.Where(r => r.NodeClass == NodeClass.Variable).Select(r => r.BrowseName.Name).ToList();
        names.Count.ShouldBe(50);
        names.ShouldBeUnique();
        names.ShouldContain("Item49");
    }

    [Fact]
    public async Task The_address_space_imports_as_objects_with_typed_variables()
    {
        await using var client = await OpcUaClient.ConnectAsync(Endpoint, cancellationToken: Ct);

        var root = await client.ImportAddressSpaceAsync(cancellationToken: Ct);

        var plant = root.Objects.Single(o => o.Name == "Plant");
        plant.BrowsePath.ShouldBe("Plant");
        var scalars = plant.Objects.Single(o => o.Name == "Scalars");
        var dbl = scalars.Variables.Single(v => v.Name == "Double");
        dbl.BrowsePath.ShouldBe("Plant/Scalars/Double");
        dbl.NodeId.ShouldBe(Node("Scalar.Double"));
        dbl.BuiltInType.ShouldBe(BuiltInType.Double);
        dbl.TagDataType.ShouldBe(TagDataType.Double);
        scalars.Variables.Single(v => v.Name == "Boolean").TagDataType.ShouldBe(TagDataType.Bool);
        scalars.Variables.Single(v => v.Name == "UInt32").TagDataType.ShouldBe(TagDataType.Long);
        plant.Objects.Single(o => o.Name == "Arrays").Variables.Single(v => v.Name == "Matrix").ValueRank.ShouldBe(2);
        plant.Variables.Single(v => v.Name == "Counter").BuiltInType.ShouldBe(BuiltInType.Int32);
        plant.AllVariables().Count().ShouldBeGreaterThan(80);
        root.Objects.ShouldNotContain(o => o.NodeId == ReferenceTypeIds.Server);
    }

    [Fact]
    public async Task Large_messages_travel_in_many_chunks_both_ways()
    {
        var options = new OpcUaClientOptions { TransportLimits = new OpcUaTransportLimits { ReceiveBufferSize = 8192, SendBufferSize = 8192 } };
        await using var client = await OpcUaClient.ConnectAsync(Endpoint, options, cancellationToken: Ct);
        var big = new string('x', 50_000);

        var status = await client.WriteValueAsync(Node("Setpoint.Mode"), Variant.From(big), Ct);
        var back = await client.ReadValueAsync(Node("Setpoint.Mode"), Ct);

        status.IsGood.ShouldBeTrue();
        back.Value.ShouldBe(Variant.From(big));
        await client.WriteValueAsync(Node("Setpoint.Mode"), Variant.From("auto"), Ct);
    }

    [Fact]
    public async Task A_response_beyond_the_message_size_limit_fails_that_request_only()
    {
        var options = new OpcUaClientOptions { TransportLimits = new OpcUaTransportLimits { ReceiveBufferSize = 8192, MaxMessageSize = 20_000 } };
        await using var writer = await OpcUaClient.ConnectAsync(Endpoint, cancellationToken: Ct);
        await using var client = await OpcUaClient.ConnectAsync(Endpoint, options, cancellationToken: Ct);
        (await writer.WriteValueAsync(Node("Setpoint.Mode"), Variant.From(new string('y', 30_000)), Ct)).IsGood.ShouldBeTrue();

        var error = await Should.ThrowAsync<OpcUaServiceException>(() => client.ReadValueAsync(Node("Setpoint.Mode"), Ct));
        var small = await client.ReadValueAsync(Node("Scalar.Double"), Ct);

        // The server sees our limit too (it answers with BadTcpMessageTooLarge or BadResponseTooLarge); either way only this request fails.
        error.Status.Code.ShouldBeOneOf(StatusCode.BadResponseTooLarge.Code, StatusCode.BadTcpMessageTooLarge.Code);
        small.Status.IsGood.ShouldBeTrue();
        (await client.WriteValueAsync(Node("Setpoint.Mode"), Variant.From("auto"), Ct)).IsGood.ShouldBeTrue();
    }

    [Fact]
    public async Task A_subscription_at_100_ms_receives_every_change_in_order()
    {
        await using var client = await OpcUaClient.ConnectAsync(Endpoint, cancellationToken: Ct);
        var received = new List<int>();
        var lockObject = new Lock();

        await using var subscription = await client.SubscribeAsync(
            [new MonitoredItemDefinition(Node("Counter")) { Name = "counter", SamplingIntervalMs = 0, QueueSize = 10 }],
            (changes, _) =>
            {
                lock (lockObject)
                {
                    received.AddRange(changes.Select(c => (int)c.Value.Value.Value!));
                }

                return ValueTask.CompletedTask;
            },
            new SubscriptionOptions { PublishingInterval = TimeSpan.FromMilliseconds(100) },
            Ct);

        await Support.Eventually.HoldsAsync(() => { lock (lockObject) { return received.Count >= 15; } }, "15 counter values arrived");
        subscription.Items[0].Status.IsGood.ShouldBeTrue();
        subscription.RevisedPublishingIntervalMs.ShouldBe(100);
        int[] snapshot;
        lock (lockObject)
        {
            snapshot = [.. received];
        }

        snapshot.ShouldBe(snapshot.Order().ToArray());
        snapshot.ShouldBeUnique();
        for (var i = 1; i < snapshot.Length; i++)
        {
            (snapshot[i] - snapshot[i - 1]).ShouldBe(1, "no value was skipped");
        }
    }

    [Fact]
    public async Task A_deadband_filters_small_changes_and_a_refused_item_keeps_its_status()
    {
        await using var client = await OpcUaClient.ConnectAsync(Endpoint, cancellationToken: Ct);
        var received = new System.Collections.Concurrent.ConcurrentQueue<int>();

        await using var subscription = await client.SubscribeAsync(
            [
                new MonitoredItemDefinition(Node("Counter")) { SamplingIntervalMs = 100, QueueSize = 10, Filter = new DataChangeFilter(DataChangeTrigger.StatusValue, DeadbandType.Absolute, 4.5) },
                new MonitoredItemDefinition(Node("No.Such.Node")),
            ],
            (changes, _) =>
            {
                foreach (var change in changes)
                {
                    received.Enqueue((int)change.Value.Value.Value!);
                }

                return ValueTask.CompletedTask;
            },
            new SubscriptionOptions { PublishingInterval = TimeSpan.FromMilliseconds(100) },
            Ct);

        await Support.Eventually.HoldsAsync(() => received.Count >= 4, "4 values passed the deadband");
        var values = received.ToArray();
        for (var i = 1; i < values.Length; i++)
        {
            (values[i] - values[i - 1]).ShouldBeGreaterThan(4);
        }

        subscription.Items[1].Status.ShouldBe(StatusCode.BadNodeIdUnknown);
        await subscription.ModifyAsync(TimeSpan.FromMilliseconds(200), Ct);
        subscription.RevisedPublishingIntervalMs.ShouldBe(200);
    }

    [Fact]
    public async Task The_security_token_is_renewed_before_it_expires()
    {
        var options = new OpcUaClientOptions { SecureChannelLifetime = TimeSpan.FromSeconds(1) };
        await using var client = await OpcUaClient.ConnectAsync(Endpoint, options, cancellationToken: Ct);

        await Support.Eventually.HoldsAsync(() => client.ChannelRenewals >= 2, "the token was renewed twice", TimeSpan.FromSeconds(15));

        (await client.ReadValueAsync(Node("Scalar.Double"), Ct)).Status.IsGood.ShouldBeTrue();
        client.Reconnects.ShouldBe(0);
    }

    [Fact]
    public async Task A_dropped_connection_reactivates_the_session_and_keeps_the_subscription()
    {
        await using var client = await OpcUaClient.ConnectAsync(Endpoint, cancellationToken: Ct);
        var received = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var session = client.SessionId;
        await using var subscription = await client.SubscribeAsync(
            [new MonitoredItemDefinition(Node("Counter")) { SamplingIntervalMs = 0, QueueSize = 100 }],
            (changes, _) =>
            {
                foreach (var change in changes)
                {
                    received.Enqueue((int)change.Value.Value.Value!);
                }

                return ValueTask.CompletedTask;
            },
            new SubscriptionOptions { PublishingInterval = TimeSpan.FromMilliseconds(100) },
            Ct);
        await Support.Eventually.HoldsAsync(() => received.Count >= 3, "values arrive");
        var id = subscription.Id;

        client.AbortConnection();
        await Support.Eventually.HoldsAsync(() => client.Reconnects == 1 && client.State == OpcUaConnectionState.Connected, "the client reconnected");
        var after = received.Count;
        await Support.Eventually.HoldsAsync(() => received.Count >= after + 10, "values arrive again");

        client.SessionId.ShouldBe(session);
        subscription.Id.ShouldBe(id);
        var values = received.ToArray();
        values.ShouldBeUnique();
        for (var i = 1; i < values.Length; i++)
        {
            (values[i] - values[i - 1]).ShouldBe(1, $"nothing was lost or duplicated across the reconnection (republished {subscription.Republished}, lost {subscription.LostMessages}, duplicates {subscription.DuplicatesDropped}, values {string.Join(",", values)})");
        }
    }
}
