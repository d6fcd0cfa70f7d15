// Reference computations for Nightshift's OPC UA security tests, done with node-opcua-crypto (the crypto package of
// node-opcua, a third-party OPC UA stack). Reads a JSON array of requests on stdin and prints a JSON array of answers.
// Byte strings travel as hex. Used by tests/Nightshift.Connectivity.Tests/OpcUa/Security.
import {
  computeDerivedKeys,
  computePaddingFooter,
  decryptBufferWithDerivedKeys,
  encryptBufferWithDerivedKeys,
  makeMessageChunkSignature,
  makeMessageChunkSignatureWithDerivedKeys,
  makePrivateKeyFromPem,
  makePseudoRandomBuffer,
  privateDecrypt_long,
  publicEncrypt_long,
  extractPublicKeyFromCertificateSync,
  removePadding,
  verifyChunkSignature,
  verifyChunkSignatureWithDerivedKeys,
  verifyMessageChunkSignature,
} from "node-opcua-crypto";

const hex = (s) => Buffer.from(s ?? "", "hex");
const options = {
  signatureLength: 32,
  signingKeyLength: 32,
  encryptingKeyLength: 32,
  encryptingBlockSize: 16,
  algorithm: "aes-256-cbc",
  sha1or256: "SHA256",
};

// Part 6, 6.7.5: client keys from P_SHA256(serverNonce, clientNonce), server keys from P_SHA256(clientNonce, serverNonce).
function keysOf(r) {
  return r.side === "client"
    ? computeDerivedKeys(hex(r.serverNonce), hex(r.clientNonce), options)
    : computeDerivedKeys(hex(r.clientNonce), hex(r.serverNonce), options);
}

function setSize(chunk) {
  chunk.writeUInt32LE(chunk.length, 4);
  return chunk;
}

const handlers = {
  prf: (r) => ({ output: makePseudoRandomBuffer(hex(r.secret), hex(r.seed), r.length, "SHA256").toString("hex") }),

  derive: (r) => {
    const k = keysOf(r);
    return {
      signingKey: k.signingKey.toString("hex"),
      encryptingKey: k.encryptingKey.toString("hex"),
      iv: k.initializationVector.toString("hex"),
    };
  },

  // Opens an asymmetric chunk: RSA-OAEP decryption with the receiver's private key, RSA-SHA256 signature check with
  // the sender's certificate, then the padding (with ExtraPaddingSize for keys over 2048 bits).
  openAsymmetric: (r) => {
    const chunk = hex(r.chunk);
    const header = chunk.subarray(0, r.headerLength);
    const plain = privateDecrypt_long(chunk.subarray(r.headerLength), makePrivateKeyFromPem(r.receiverKey), r.receiverKeyBytes);
    const whole = Buffer.concat([header, plain]);
    const valid = verifyChunkSignature(whole, {
      algorithm: "RSA-SHA256",
      publicKey: extractPublicKeyFromCertificateSync(r.senderCertificate),
      signatureLength: r.senderKeyBytes,
    });
    const signed = whole.subarray(0, whole.length - r.senderKeyBytes);
    let end;
    if (r.receiverKeyBytes > 256) {
      const count = (signed[signed.length - 1] << 8) | signed[signed.length - 2];
      end = signed.length - 2 - count;
    } else {
      end = removePadding(signed).length;
    }
    return { valid, messageSize: chunk.readUInt32LE(4), plainText: signed.subarray(r.headerLength, end).toString("hex") };
  },

  // Opens a symmetric chunk with the derived keys of one side.
  openSymmetric: (r) => {
    const k = keysOf(r);
    const chunk = hex(r.chunk);
    const header = chunk.subarray(0, r.headerLength);
    const rest = r.encrypt ? decryptBufferWithDerivedKeys(chunk.subarray(r.headerLength), k) : chunk.subarray(r.headerLength);
    const whole = Buffer.concat([header, rest]);
    const valid = verifyChunkSignatureWithDerivedKeys(whole, k);
    let signed = whole.subarray(0, whole.length - 32);
    if (r.encrypt) {
      signed = removePadding(signed);
    }
    return { valid, plainText: signed.subarray(r.headerLength).toString("hex") };
  },

  // Secures a symmetric chunk as node-opcua does: padding footer, HMAC-SHA256 over everything before it, AES-256-CBC.
  protectSymmetric: (r) => {
    const k = keysOf(r);
    const header = hex(r.header);
    const plain = hex(r.plainText);
    const footer = r.encrypt ? computePaddingFooter(Buffer.concat([plain, Buffer.alloc(32)]), k) : Buffer.alloc(0);
    const unsigned = setSize(Buffer.concat([header, plain, footer, Buffer.alloc(32)])).subarray(0, header.length + plain.length + footer.length);
    const signature = makeMessageChunkSignatureWithDerivedKeys(unsigned, k);
    const body = Buffer.concat([unsigned.subarray(header.length), signature]);
    const secured = r.encrypt ? encryptBufferWithDerivedKeys(body, k) : body;
    return { chunk: Buffer.concat([unsigned.subarray(0, header.length), secured]).toString("hex") };
  },

  // Secures an asymmetric chunk: padding (PaddingSize, Padding, ExtraPaddingSize), size after encryption, RSA-SHA256
  // signature with the sender's key, RSA-OAEP encryption for the receiver.
  protectAsymmetric: (r) => {
    const header = hex(r.header);
    const plain = hex(r.plainText);
    const plainBlock = r.receiverKeyBytes - 42;
    const extra = r.receiverKeyBytes > 256;
    const n = (plain.length + r.senderKeyBytes + (extra ? 2 : 1)) % plainBlock;
    const count = (plainBlock - n) % plainBlock;
    const padding = Buffer.alloc(count + 1 + (extra ? 1 : 0), count & 0xff);
    if (extra) {
      padding[padding.length - 1] = count >> 8;
    }
    const blocks = (plain.length + padding.length + r.senderKeyBytes) / plainBlock;
    const toSign = Buffer.concat([header, plain, padding]);
    toSign.writeUInt32LE(header.length + blocks * r.receiverKeyBytes, 4);
    const signature = makeMessageChunkSignature(toSign, { algorithm: "RSA-SHA256", privateKey: makePrivateKeyFromPem(r.senderKey) });
    const encrypted = publicEncrypt_long(
      Buffer.concat([toSign.subarray(header.length), signature]),
      extractPublicKeyFromCertificateSync(r.receiverCertificate),
      r.receiverKeyBytes,
      42);
    return { chunk: Buffer.concat([toSign.subarray(0, header.length), encrypted]).toString("hex") };
  },

  // Part 4, 7.41: length (Int32) ‖ password ‖ serverNonce, RSA-OAEP under the server's key.
  decryptPassword: (r) => {
    const plain = privateDecrypt_long(hex(r.encrypted), makePrivateKeyFromPem(r.key), r.keyBytes);
    const length = plain.readInt32LE(0);
    const secret = plain.subarray(4, 4 + length);
    const nonceLength = hex(r.serverNonce).length;
    return {
      length,
      password: secret.subarray(0, secret.length - nonceLength).toString("hex"),
      nonce: secret.subarray(secret.length - nonceLength).toString("hex"),
    };
  },

  verify: (r) => ({
    valid: verifyMessageChunkSignature(hex(r.data), hex(r.signature), {
      algorithm: "RSA-SHA256",
      publicKey: extractPublicKeyFromCertificateSync(r.certificate),
    }),
  }),

  sign: (r) => ({
    signature: makeMessageChunkSignature(hex(r.data), { algorithm: "RSA-SHA256", privateKey: makePrivateKeyFromPem(r.key) }).toString("hex"),
  }),
};

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", () => {
  const answers = JSON.parse(input).map((r) => {
    try {
      return handlers[r.op](r);
    } catch (err) {
      return { error: String(err && err.stack ? err.stack : err) };
    }
  });
  process.stdout.write(JSON.stringify(answers));
});
