namespace NewsPlatform.Identity.Data;

/// <summary>
/// One key of the identity service's key ring (docs/decisions/0014): RSA signing keys (the newest signs, the one
/// before it stays published so tokens it signed still validate) and the symmetric key that encrypts
/// authorization codes and refresh tokens. Made at run time, never committed.
/// </summary>
public sealed class SigningKeyRecord
{
    public const string SigningUse = "sig";
    public const string EncryptionUse = "enc";

    public required string Id { get; set; }

    /// <summary><see cref="SigningUse"/> or <see cref="EncryptionUse"/>.</summary>
    public required string Use { get; set; }

    /// <summary>PKCS#8 for RSA keys, raw bytes for the symmetric key.</summary>
    public required byte[] Material { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
