using FsCheck;
using FsCheck.Fluent;
using Nightshift.Connectivity.Sparkplug;

namespace Nightshift.Connectivity.Tests.Sparkplug;

public sealed class SparkplugTopicTests
{
    [Theory]
    [InlineData("spBv1.0/Plant/NBIRTH/edge-1", SparkplugMessageType.NBirth, "Plant", "edge-1", null)]
    [InlineData("spBv1.0/Plant/NDEATH/edge-1", SparkplugMessageType.NDeath, "Plant", "edge-1", null)]
    [InlineData("spBv1.0/Plant/NDATA/edge-1", SparkplugMessageType.NData, "Plant", "edge-1", null)]
    [InlineData("spBv1.0/Plant/NCMD/edge-1", SparkplugMessageType.NCmd, "Plant", "edge-1", null)]
    [InlineData("spBv1.0/Plant/DBIRTH/edge-1/press 1", SparkplugMessageType.DBirth, "Plant", "edge-1", "press 1")]
    [InlineData("spBv1.0/Plant/DDEATH/edge-1/press", SparkplugMessageType.DDeath, "Plant", "edge-1", "press")]
    [InlineData("spBv1.0/Plant/DDATA/edge-1/press", SparkplugMessageType.DData, "Plant", "edge-1", "press")]
    [InlineData("spBv1.0/Plant/DCMD/edge-1/press", SparkplugMessageType.DCmd, "Plant", "edge-1", "press")]
    public void Valid_message_topics_parse_and_format_back(string text, SparkplugMessageType type, string group, string node, string? device)
    {
        SparkplugTopic.TryParse(text, out var topic, out var error).ShouldBeTrue(error);

        topic.MessageType.ShouldBe(type);
        topic.GroupId.ShouldBe(group);
        topic.EdgeNodeId.ShouldBe(node);
        topic.DeviceId.ShouldBe(device);
        topic.ToString().ShouldBe(text);
    }

    [Fact]
    public void The_STATE_topic_parses_with_its_host_id()
    {
        var topic = SparkplugTopic.Parse("spBv1.0/STATE/scada-1");

        topic.MessageType.ShouldBe(SparkplugMessageType.State);
        topic.HostId.ShouldBe("scada-1");
        topic.ToString().ShouldBe("spBv1.0/STATE/scada-1");
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("spBv1.0", "segments")]
    [InlineData("spAv1.0/Plant/NDATA/edge", "spBv1.0")]
    [InlineData("spBv1.0/Plant/NDATA", "message topic")]
    [InlineData("spBv1.0/Plant/XDATA/edge", "not a Sparkplug message type")]
    [InlineData("spBv1.0/Plant/NDATA/edge/device", "has no device id")]
    [InlineData("spBv1.0/Plant/DDATA/edge", "needs a device id")]
    [InlineData("spBv1.0/Plant/DDATA/edge/a/b", "segments")]
    [InlineData("spBv1.0//NDATA/edge", "empty")]
    [InlineData("spBv1.0/Plant/NDATA/+", "wildcard")]
    [InlineData("spBv1.0/STATE/host/extra", "STATE")]
    public void Wrong_shapes_are_refused_with_a_clear_reason(string text, string reason)
    {
        SparkplugTopic.TryParse(text, out _, out var error).ShouldBeFalse();

        error.ShouldContain(reason);
        Should.Throw<SparkplugFormatException>(() => SparkplugTopic.Parse(text)).Message.ShouldBe(error);
    }

    [Fact]
    public void Building_a_topic_refuses_ids_with_separators_or_wildcards()
    {
        Should.Throw<ArgumentException>(() => SparkplugTopic.Node(SparkplugMessageType.NData, "a/b", "n"));
        Should.Throw<ArgumentException>(() => SparkplugTopic.Device(SparkplugMessageType.DData, "g", "n", "#"));
        Should.Throw<ArgumentException>(() => SparkplugTopic.Node(SparkplugMessageType.DData, "g", "n"));
    }

    [Fact]
    public void Formatting_then_parsing_gives_the_same_topic_for_any_valid_ids()
    {
        var id = ArbMap.Default.GeneratorFor<NonEmptyString>()
            .Select(s => s.Get)
            .Where(s => s.IndexOfAny(['/', '+', '#']) < 0);
        var types = Gen.Elements(Enum.GetValues<SparkplugMessageType>().Where(t => t != SparkplugMessageType.State).ToArray());
        var inputs =
            from type in types
            from groupId in id
            from nodeId in id
            from deviceId in id
            select (Type: type, Group: groupId, Node: nodeId, Device: deviceId);
        var property = Prop.ForAll(
            inputs.ToArbitrary(),
            input =>
            {
                var (type, group, node, device) = input;
                var topic = type is SparkplugMessageType.DBirth or SparkplugMessageType.DDeath or SparkplugMessageType.DData or SparkplugMessageType.DCmd
                    ? SparkplugTopic.Device(type, group, node, device)
                    : SparkplugTopic.Node(type, group, node);
                return SparkplugTopic.TryParse(topic.ToString(), out var parsed, out _) && parsed == topic;
            });
        property.Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Any_string_parses_or_gives_a_reason_without_throwing()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text =>
            SparkplugTopic.TryParse(text, out _, out var error) || !string.IsNullOrEmpty(error))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }
}
