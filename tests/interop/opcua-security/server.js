// A real OPC UA server (node-opcua 2.182.2) that speaks only SecurityPolicy Basic256Sha256 for Nightshift's security
// interop tests. Usage: node opcua-security/server.js <port> <pki root folder> [client certificate (DER file)]
// Listens on 127.0.0.1:<port> (endpoint opc.tcp://127.0.0.1:<port>/UA/Secure) with Basic256Sha256 Sign and
// SignAndEncrypt endpoints. Unknown client certificates are refused: the one given on the command line is put into
// the server's trust list. Users: anonymous, and "operator" / "secret" (the password must arrive encrypted).
// Address space: ns=1;s=Counter (Int32, +1 every 100 ms), ns=1;s=Speed (Double, writable), ns=1;s=Name (String).
// Prints "READY <url>" when listening.
"use strict";
const fs = require("fs");
const path = require("path");
const {
  OPCUAServer, Variant, DataType, StatusCodes, MessageSecurityMode, SecurityPolicy, OPCUACertificateManager, nodesets,
} = require("node-opcua");

const port = parseInt(process.argv[2] || "4841", 10);
const pkiRoot = process.argv[3] || path.join(require("os").tmpdir(), "nightshift-opcua-security-pki");
const clientCertificate = process.argv[4];

async function main() {
  const serverCertificateManager = new OPCUACertificateManager({
    automaticallyAcceptUnknownCertificate: false,
    rootFolder: path.join(pkiRoot, "server"),
  });
  await serverCertificateManager.initialize();
  if (clientCertificate) {
    await serverCertificateManager.trustCertificate(fs.readFileSync(clientCertificate));
  }

  const server = new OPCUAServer({
    port,
    hostname: "127.0.0.1",
    alternateHostname: ["127.0.0.1"],
    resourcePath: "/UA/Secure",
    nodeset_filename: [nodesets.standard],
    serverCertificateManager,
    securityPolicies: [SecurityPolicy.Basic256Sha256],
    securityModes: [MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt],
    allowAnonymous: true,
    allowUnsecurePassword: false,
    userManager: { isValidUser: (user, password) => user === "operator" && password === "secret" },
    serverInfo: { applicationUri: "urn:nightshift:interop:opcua-security", productUri: "urn:nightshift:interop", applicationName: { text: "Nightshift secure interop server" } },
  });
  await server.initialize();

  const addressSpace = server.engine.addressSpace;
  const namespace = addressSpace.getOwnNamespace();
  const plant = namespace.addFolder(addressSpace.rootFolder.objects, { browseName: "Plant", nodeId: "s=Plant" });
  let counter = 0;
  const counterVariable = namespace.addVariable({
    organizedBy: plant, browseName: "Counter", nodeId: "s=Counter", dataType: "Int32",
    value: new Variant({ dataType: DataType.Int32, value: 0 }),
  });
  const timer = setInterval(() => {
    counter += 1;
    counterVariable.setValueFromSource(new Variant({ dataType: DataType.Int32, value: counter }), StatusCodes.Good, new Date());
  }, 100);
  namespace.addVariable({
    organizedBy: plant, browseName: "Speed", nodeId: "s=Speed", dataType: "Double",
    accessLevel: "CurrentRead | CurrentWrite", userAccessLevel: "CurrentRead | CurrentWrite",
    value: new Variant({ dataType: DataType.Double, value: 10 }),
  });
  namespace.addVariable({
    organizedBy: plant, browseName: "Name", nodeId: "s=Name", dataType: "String",
    value: new Variant({ dataType: DataType.String, value: "Press 1 – secure" }),
  });

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
