import CallQAKit
import HummingbirdTLS
import NIOSSL

/// The certificate chain and private key of a direct HTTPS setup (`serve --tls-cert
/// --tls-key`), both PEM files. Behind a reverse proxy that terminates TLS, leave it out and
/// pass `--secure-cookies` instead.
public struct ServerTLS: Sendable, Hashable {
  /// PEM file of the server certificate, followed by any intermediate certificates.
  public var certificateChain: String
  /// PEM file of the certificate's private key (not encrypted).
  public var privateKey: String

  public init(certificateChain: String, privateKey: String) {
    self.certificateChain = certificateChain
    self.privateKey = privateKey
  }

  /// The server's TLS configuration (TLS 1.2 and later); a file that does not read as PEM,
  /// or a key that is not the certificate's, is one error naming the file.
  func configuration() throws -> TLSConfiguration {
    let certificates: [NIOSSLCertificate]
    do {
      certificates = try NIOSSLCertificate.fromPEMFile(certificateChain)
    } catch {
      throw CallQAError(.errCannotReadPem, certificateChain, MessageArgument.describing(error))
    }
    guard !certificates.isEmpty else { throw CallQAError(.errNoCertificateFile, certificateChain) }
    let key: NIOSSLPrivateKey
    do {
      key = try NIOSSLPrivateKey(file: privateKey, format: .pem)
    } catch {
      throw CallQAError(.errCannotReadPemPrivate, privateKey, MessageArgument.describing(error))
    }
    var configuration = TLSConfiguration.makeServerConfiguration(
      certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(key))
    configuration.minimumTLSVersion = .tlsv12
    do {
      _ = try NIOSSLContext(configuration: configuration)
    } catch {
      throw CallQAError(.errKeyDoesMatch, privateKey, certificateChain, MessageArgument.describing(error))
    }
    return configuration
  }
}
