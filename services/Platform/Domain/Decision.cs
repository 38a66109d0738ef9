namespace NewsPlatform.Platform.Domain;

/// <summary>
/// What a pure decide function returns: the events a command produces, or the sentence that says why the
/// current state forbids it (answered 409).
/// </summary>
public sealed record Decision
{
    private Decision(IReadOnlyList<object> events, string? rejection)
    {
        Events = events;
        Rejection = rejection;
    }

    public IReadOnlyList<object> Events { get; }

    public string? Rejection { get; }

    public bool IsRejected => Rejection is not null;

    public static Decision Accept(params object[] events) => new(events, null);

    public static Decision Reject(string why) => new([], why);

    /// <summary>Nothing to do: the command is already satisfied (an idempotent repeat).</summary>
    public static readonly Decision Nothing = new([], null);
}
