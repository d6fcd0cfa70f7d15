using Nightshift.Connectivity.OpcUa.Security;
using Nightshift.Server.Connectors;

namespace Nightshift.Server.Tests.Connectors;

public sealed class ConnectorDocumentReaderOpcUaTests
{
    private const string Valid = """
        {"name":"mixer","kind":"opcua","endpointUrl":"opc.tcp://10.0.4.30:4840/UA/Mixer","user":"operator","password":"secret",
         "equipment":"lab/mixing/line-1/mixer",
         "pollGroups":[{"name":"fast","intervalMs":250,"points":[
           {"name":"speed","nodeId":"ns=2;s=Mixer.Speed","deadband":0.5},
           {"name":"count","nodeId":"ns=2;i=1001"}]}]}
        """;

    [Fact]
    public void A_valid_document_gives_the_opcua_settings_with_defaults_filled()
    {
        var read = ConnectorDocumentReader.Read(Valid);

        read.Errors.ShouldBeEmpty();
        var settings = read.Settings!;
        settings.Kind.ShouldBe(ConnectorDocumentReader.OpcUaKind);
        (settings.Host, settings.Port).ShouldBe(("10.0.4.30", 4840));
        settings.Groups.ShouldBeEmpty();
        settings.FastestInterval.ShouldBe(TimeSpan.FromMilliseconds(250));
        var opcUa = settings.OpcUa!;
        opcUa.Mode.ShouldBe(MessageSecurityMode.None);
        opcUa.PolicyUri.ShouldBe(NoSecurity.Uri);
        (opcUa.User, opcUa.Password).ShouldBe(("operator", "secret"));
        opcUa.Groups.Single().Items.Select(i => (i.Name, i.NodeId.ToString(), i.Deadband)).ShouldBe([("speed", "ns=2;s=Mixer.Speed", 0.5), ("count", "ns=2;i=1001", null)]);
        read.Document!.Security!.Mode.ShouldBe("None");
        read.Document.TimeoutMs.ShouldBe(10_000);
    }

    [Fact]
    public void A_secure_mode_defaults_to_basic256sha256()
    {
        var read = ConnectorDocumentReader.Read(Valid.Replace("\"user\":", "\"security\":{\"mode\":\"SignAndEncrypt\"},\"user\":", StringComparison.Ordinal));

        read.Errors.ShouldBeEmpty();
        read.Settings!.OpcUa!.Mode.ShouldBe(MessageSecurityMode.SignAndEncrypt);
        read.Settings.OpcUa.PolicyUri.ShouldBe(Basic256Sha256Security.SecurityPolicyUri);
    }

    [Theory]
    [InlineData("\"endpointUrl\":\"opc.tcp://10.0.4.30:4840/UA/Mixer\",", "", "endpointUrl: required")]
    [InlineData("opc.tcp://10.0.4.30:4840/UA/Mixer", "http://10.0.4.30/", "endpointUrl: 'http://10.0.4.30/' is not an opc.tcp://host:port/path URL")]
    [InlineData("\"user\":\"operator\",", "\"host\":\"10.0.4.30\",\"user\":\"operator\",", "host: only for kind modbus")]
    [InlineData("\"nodeId\":\"ns=2;i=1001\"", "\"nodeId\":\"ns=2;x=1001\"", "pollGroups[0].points[1].nodeId: 'ns=2;x=1001' is not a node id")]
    [InlineData("\"nodeId\":\"ns=2;i=1001\"", "\"table\":\"holding\"", "pollGroups[0].points[1].table: only for kind modbus")]
    [InlineData("\"deadband\":0.5", "\"deadband\":-1", "pollGroups[0].points[0].deadband: must be a number ≥ 0")]
    [InlineData("\"name\":\"count\"", "\"name\":\"speed\"", "pollGroups[0].points[1].name: 'speed' is used by another point of this connector")]
    [InlineData(",\"password\":\"secret\"", "", "password: required with user")]
    [InlineData("\"user\":\"operator\",", "\"security\":{\"mode\":\"Sign\",\"policy\":\"None\"},\"user\":\"operator\",", "security: mode None goes with policy None")]
    [InlineData("\"user\":\"operator\",", "\"security\":{\"mode\":\"Encrypt\"},\"user\":\"operator\",", "security.mode: unknown mode 'Encrypt'")]
    public void An_invalid_document_names_the_field(string replace, string with, string error)
    {
        var read = ConnectorDocumentReader.Read(Valid.Replace(replace, with, StringComparison.Ordinal));

        read.IsValid.ShouldBeFalse();
        read.Errors.ShouldContain(e => e.StartsWith(error, StringComparison.Ordinal), string.Join("; ", read.Errors));
    }

    [Fact]
    public void Modbus_documents_refuse_opcua_fields()
    {
        var read = ConnectorDocumentReader.Read("""
            {"name":"gw","kind":"modbus","host":"10.0.4.21","endpointUrl":"opc.tcp://x:4840",
             "pollGroups":[{"name":"fast","intervalMs":1000,"points":[{"name":"power","table":"holding","address":0,"type":"float32","nodeId":"ns=2;i=1"}]}]}
            """);

        read.Errors.ShouldContain("endpointUrl: only for kind opcua");
        read.Errors.ShouldContain("pollGroups[0].points[0].nodeId: only for kind opcua");
    }

    [Fact]
    public void The_masked_document_hides_the_password()
    {
        var document = ConnectorDocumentReader.Read(Valid).Document!;

        ConnectorDocumentReader.Masked(document).Password.ShouldBe(ConnectorDocumentReader.PasswordMask);
        ConnectorDocumentReader.Write(ConnectorDocumentReader.Masked(document)).ShouldNotContain("secret");
    }
}
