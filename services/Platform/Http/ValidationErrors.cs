namespace NewsPlatform.Platform.Http;

/// <summary>Collects field errors for a 400 problem with <c>errors: {field: [messages]}</c>.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public ValidationErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages)) _errors[field] = messages = [];
        messages.Add(message);
        return this;
    }

    public ValidationErrors Length(string field, string? value, int min, int max)
    {
        var length = value?.Trim().Length ?? 0;
        if (length < min) Add(field, min == 1 ? $"{field} is required." : $"{field} must be at least {min} characters.");
        else if (length > max) Add(field, $"{field} must be at most {max} characters.");
        return this;
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
