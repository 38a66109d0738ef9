namespace NewsPlatform.Web.Site;

/// <summary>
/// The UI strings of one language, as the localization service serves them. A key it lacks shows as the key itself,
/// so a missing translation is visible rather than silently replaced by another language.
/// </summary>
public sealed class UiStrings(IReadOnlyDictionary<string, string>? entries)
{
    public static readonly UiStrings Empty = new(null);

    public bool IsEmpty => entries is null || entries.Count == 0;

    public string this[string key] => entries is not null && entries.TryGetValue(key, out var value) ? value : key;

    /// <summary>The string with its <c>{name}</c> placeholders filled in.</summary>
    public string Format(string key, params (string Name, string Value)[] values)
    {
        var text = this[key];
        foreach (var (name, value) in values) text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        return text;
    }

    /// <summary>"Read in French": the language's own key (<c>readInFrench</c>) when there is one, else <c>readIn</c>.</summary>
    public string ReadIn(string lang)
    {
        var specific = "readIn" + EnglishNameKey(lang);
        return entries is not null && entries.TryGetValue(specific, out var value) ? value : Format("readIn", ("language", LanguageName(lang)));
    }

    /// <summary>The language's name in this language (<c>languageFr</c>: "French" / "français"), else its tag.</summary>
    public string LanguageName(string lang)
    {
        var key = "language" + char.ToUpperInvariant(lang[0]) + lang[1..].ToLowerInvariant().Replace("-", "", StringComparison.Ordinal);
        return entries is not null && entries.TryGetValue(key, out var value) ? value : lang;
    }

    // The seed names its per-language keys after the language's English name: readInFrench, readInEnglish.
    private static string EnglishNameKey(string lang)
    {
        try
        {
            return new System.Globalization.CultureInfo(lang).EnglishName.Split(' ')[0];
        }
        catch (System.Globalization.CultureNotFoundException)
        {
            return lang;
        }
    }
}
