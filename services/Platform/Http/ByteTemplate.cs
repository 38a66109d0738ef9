namespace NewsPlatform.Platform.Http;

/// <summary>
/// An answer prepared once and sent many times: the bytes between its named holes are copied as they are, and each
/// hole is filled for each use (the gateway's page JSON around its ads and weather, the site's article page around
/// its ads and anti-forgery token).
/// </summary>
public sealed class ByteTemplate
{
    /// <summary>The bytes before each hole, and after the last one: one more than <see cref="holes"/>.</summary>
    private readonly byte[][] pieces;

    private readonly string[] holes;

    public ByteTemplate(IReadOnlyList<byte[]> pieces, IReadOnlyList<string> holes)
    {
        if (pieces.Count != holes.Count + 1) throw new ArgumentException("A template has one piece more than it has holes.", nameof(pieces));
        this.pieces = [.. pieces];
        this.holes = [.. holes];
    }

    /// <summary>The bytes with each hole filled by <paramref name="fill"/>, asked once per hole in order.</summary>
    public byte[] Render(Func<string, byte[]> fill)
    {
        var filled = new byte[holes.Length][];
        var length = 0;
        for (var i = 0; i < holes.Length; i++)
        {
            filled[i] = fill(holes[i]);
            length += filled[i].Length;
        }

        foreach (var piece in pieces) length += piece.Length;
        var result = new byte[length];
        var offset = 0;
        for (var i = 0; i < pieces.Length; i++)
        {
            pieces[i].CopyTo(result, offset);
            offset += pieces[i].Length;
            if (i == holes.Length) break;
            filled[i].CopyTo(result, offset);
            offset += filled[i].Length;
        }

        return result;
    }
}
