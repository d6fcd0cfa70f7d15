// A real OPC UA server (node-opcua 2.182.2) for Nightshift's interop tests.
// Usage: node opcua/server.js <port> <pki root folder>
// Listens on 127.0.0.1:<port> (endpoint opc.tcp://127.0.0.1:<port>/UA/Nightshift), security None (and
// Basic256Sha256 Sign/SignAndEncrypt), anonymous and user name "operator" / "secret" (plain text allowed on None).
// Address space under Objects/Plant: one variable of every scalar type, arrays, a matrix, writable variables,
// "Counter" that changes every 100 ms, and a folder of 50 variables for browsing. Prints "READY <url>" when listening.
"use strict";
const path = require("path");
const {
  OPCUAServer, Variant, DataType, VariantArrayType, StatusCodes, MessageSecurityMode, SecurityPolicy,
  OPCUACertificateManager, nodesets, LocalizedText, QualifiedName, coerceNodeId,
} = require("node-opcua");

const port = parseInt(process.argv[2] || "4840", 10);
const pkiRoot = process.argv[3] || path.join(require("os").tmpdir(), "nightshift-opcua-pki");

async function main() {
  const serverCertificateManager = new OPCUACertificateManager({ automaticallyAcceptUnknownCertificate: true, rootFolder: path.join(pkiRoot, "server") });
  const userCertificateManager = new OPCUACertificateManager({ automaticallyAcceptUnknownCertificate: true, rootFolder: path.join(pkiRoot, "user") });
  await serverCertificateManager.initialize();
  await userCertificateManager.initialize();

  const server = new OPCUAServer({
    port,
    hostname: "127.0.0.1",
    alternateHostname: ["127.0.0.1"],
    resourcePath: "/UA/Nightshift",
    nodeset_filename: [nodesets.standard],
    serverCertificateManager,
    userCertificateManager,
    securityPolicies: [SecurityPolicy.None, SecurityPolicy.Basic256Sha256],
    securityModes: [MessageSecurityMode.None, MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt],
    allowAnonymous: true,
    allowUnsecurePassword: true,
    userManager: { isValidUser: (user, password) => user === "operator" && password === "secret" },
    serverCapabilities: { operationLimits: { maxMonitoredItemsPerCall: 1000, maxNodesPerRead: 1000, maxNodesPerWrite: 1000, maxNodesPerBrowse: 100 } },
    maxConnectionsPerEndpoint: 50,
    serverInfo: { applicationUri: "urn:nightshift:interop:opcua", productUri: "urn:nightshift:interop", applicationName: { text: "Nightshift interop server" } },
  });
  await server.initialize();

  const addressSpace = server.engine.addressSpace;
  const namespace = addressSpace.getOwnNamespace();
  const plant = namespace.addFolder(addressSpace.rootFolder.objects, { browseName: "Plant", nodeId: "s=Plant" });

  const now = new Date(Date.UTC(2026, 4, 1, 12, 0, 0));
  const scalars = [
    ["Boolean", DataType.Boolean, true],
    ["SByte", DataType.SByte, -100],
    ["Byte", DataType.Byte, 200],
    ["Int16", DataType.Int16, -30000],
    ["UInt16", DataType.UInt16, 60000],
    ["Int32", DataType.Int32, -2000000000],
    ["UInt32", DataType.UInt32, 4000000000],
    ["Int64", DataType.Int64, [0xFFFFFFFF, 0xFFFFFFFE]],
    ["UInt64", DataType.UInt64, [0x00000001, 0x00000002]],
    ["Float", DataType.Float, 3.5],
    ["Double", DataType.Double, 2.718281828],
    ["String", DataType.String, "Grüße ✓"],
    ["DateTime", DataType.DateTime, now],
    ["Guid", DataType.Guid, "72962B91-FA75-4AE6-8D28-B404DC7DAF63"],
    ["ByteString", DataType.ByteString, Buffer.from([1, 2, 3, 250])],
    ["XmlElement", DataType.XmlElement, "<a>b</a>"],
    ["NodeId", DataType.NodeId, coerceNodeId("ns=1;s=Plant")],
    ["StatusCode", DataType.StatusCode, StatusCodes.BadDeviceFailure],
    ["QualifiedName", DataType.QualifiedName, new QualifiedName({ namespaceIndex: 1, name: "Press" })],
    ["LocalizedText", DataType.LocalizedText, new LocalizedText({ locale: "de-DE", text: "Presse" })],
  ];
  const scalarFolder = namespace.addFolder(plant, { browseName: "Scalars", nodeId: "s=Scalars" });
  for (const [name, dataType, value] of scalars) {
    namespace.addVariable({
      organizedBy: scalarFolder, browseName: name, nodeId: "s=Scalar." + name, dataType: DataType[dataType],
      accessLevel: "CurrentRead | CurrentWrite", userAccessLevel: "CurrentRead | CurrentWrite",
      value: new Variant({ dataType, arrayType: VariantArrayType.Scalar, value }),
    });
  }

  const arrays = [
    ["Int32Array", DataType.Int32, new Int32Array([1, -2, 3, -4])],
    ["DoubleArray", DataType.Double, new Float64Array([1.5, 2.5, -3.25])],
    ["StringArray", DataType.String, ["a", "", "ü"]],
    ["BooleanArray", DataType.Boolean, [true, false, true]],
    ["ByteArray", DataType.Byte, new Uint8Array([0, 1, 255])],
  ];
  const arrayFolder = namespace.addFolder(plant, { browseName: "Arrays", nodeId: "s=Arrays" });
  for (const [name, dataType, value] of arrays) {
    namespace.addVariable({
      organizedBy: arrayFolder, browseName: name, nodeId: "s=Array." + name, dataType: DataType[dataType], valueRank: 1,
      accessLevel: "CurrentRead | CurrentWrite", userAccessLevel: "CurrentRead | CurrentWrite",
      value: new Variant({ dataType, arrayType: VariantArrayType.Array, value }),
    });
  }
  namespace.addVariable({
    organizedBy: arrayFolder, browseName: "Matrix", nodeId: "s=Array.Matrix", dataType: "Double", valueRank: 2, arrayDimensions: [2, 3],
    value: new Variant({ dataType: DataType.Double, arrayType: VariantArrayType.Matrix, dimensions: [2, 3], value: new Float64Array([1, 2, 3, 4, 5, 6]) }),
  });

  const writable = namespace.addFolder(plant, { browseName: "Setpoints", nodeId: "s=Setpoints" });
  for (const [name, dataType, value] of [["Speed", DataType.Double, 10], ["Mode", DataType.String, "auto"], ["Enabled", DataType.Boolean, false], ["Count", DataType.Int32, 0]]) {
    namespace.addVariable({
      organizedBy: writable, browseName: name, nodeId: "s=Setpoint." + name, dataType: DataType[dataType],
      accessLevel: "CurrentRead | CurrentWrite", userAccessLevel: "CurrentRead | CurrentWrite",
      value: new Variant({ dataType, value }),
    });
  }
  namespace.addVariable({
    organizedBy: writable, browseName: "ReadOnly", nodeId: "s=Setpoint.ReadOnly", dataType: "Double",
    accessLevel: "CurrentRead", userAccessLevel: "CurrentRead", value: new Variant({ dataType: DataType.Double, value: 1 }),
  });

  let counter = 0;
  const counterVariable = namespace.addVariable({
    organizedBy: plant, browseName: "Counter", nodeId: "s=Counter", dataType: "Int32",
    value: new Variant({ dataType: DataType.Int32, value: 0 }),
  });
  const timer = setInterval(() => {
    counter += 1;
    counterVariable.setValueFromSource(new Variant({ dataType: DataType.Int32, value: counter }), StatusCodes.Good, new Date());
  }, 100);

  const many = namespace.addFolder(plant, { browseName: "Many", nodeId: "s=Many" });
  for (let i = 0; i < 50; i++) {
    namespace.addVariable({ organizedBy: many, browseName: "Item" + i, nodeId: "s=Many." + i, dataType: "Double", value: new Variant({ dataType: DataType.Double, value: i }) });
  }

  // Optional: "--bulk N" adds N variables (ns=1;s=Bulk.<i>) that change every second, for the benchmark.
  const bulkIndex = process.argv.indexOf("--bulk");
  if (bulkIndex > 0) {
    const bulkCount = parseInt(process.argv[bulkIndex + 1], 10);
    const bulk = namespace.addFolder(plant, { browseName: "Bulk", nodeId: "s=Bulk" });
    const variables = [];
    for (let i = 0; i < bulkCount; i++) {
      variables.push(namespace.addVariable({ organizedBy: bulk, browseName: "B" + i, nodeId: "s=Bulk." + i, dataType: "Double", value: new Variant({ dataType: DataType.Double, value: 0 }) }));
    }
    let tick = 0;
    setInterval(() => {
      tick += 1;
      const at = new Date();
      for (const v of variables) {
        v.setValueFromSource(new Variant({ dataType: DataType.Double, value: tick }), StatusCodes.Good, at);
      }
    }, 1000);
  }

  // node-opcua 2.182.2 does not pass allowUnsecurePassword on to its endpoints (a TODO in OPCUAServer), so the
  // plain-text user name policy is added to the None endpoints here, as a server configured for it would offer.
  const { UserTokenType, UserTokenPolicy } = require("node-opcua");
  for (const endpoint of server.endpoints) {
    for (const description of endpoint.endpointDescriptions()) {
      if (description.securityMode === MessageSecurityMode.None
        && !description.userIdentityTokens.some((t) => t.policyId === "username_unsecure")) {
        description.userIdentityTokens.push(new UserTokenPolicy({ policyId: "username_unsecure", tokenType: UserTokenType.UserName, issuedTokenType: null, issuerEndpointUrl: null, securityPolicyUri: null }));
      }
    }
  }

  await server.start();
  process.stdout.write("READY " + server.getEndpointUrl() + "\n");

  const stop = async () => {
    clearInterval(timer);
    await server.shutdown(0);
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error) => {
  process.stderr.write("ERROR " + (error && error.stack ? error.stack : error) + "\n");
  process.exit(1);
});
