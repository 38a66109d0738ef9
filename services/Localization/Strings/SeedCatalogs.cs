namespace NewsPlatform.Localization.Strings;

/// <summary>
/// The labels this release ships: every label of the seed page and the comment form, in English and French, and
/// the names of the configured sections. Seeded when missing; a translator's edit is never overwritten.
/// </summary>
public static class SeedCatalogs
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Strings =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["en"] = new Dictionary<string, string>
            {
                ["dateLineFormat"] = "dddd, MMMM d, yyyy",
                ["downloadTheApp"] = "Download The App",
                ["readIn"] = "Read in {language}",
                ["readInFrench"] = "Read in French",
                ["readInEnglish"] = "Read in English",
                ["languageEn"] = "English",
                ["languageFr"] = "French",
                ["mustRead"] = "Must Read",
                ["advertisement"] = "- Advertisement -",
                ["moreArticles"] = "More Articles",
                ["latestArticles"] = "Latest Articles",
                ["leaveAReply"] = "Leave a reply",
                ["reply"] = "Reply",
                ["commentLabel"] = "Comment:",
                ["nameLabel"] = "Name:*",
                ["emailLabel"] = "Email:*",
                ["websiteLabel"] = "Website:",
                ["saveMyDetails"] = "Save my name, email, and website in this browser for the next time I comment.",
                ["postComment"] = "Post Comment",
                ["pleaseEnterYourComment"] = "Please enter your comment!",
                ["pleaseEnterYourName"] = "Please enter your name here",
                ["pleaseEnterYourEmail"] = "You have entered an incorrect email address!",
                ["commentPublished"] = "Thank you! Your comment is published.",
                ["commentAwaitingModeration"] = "Your comment is awaiting moderation.",
                ["commentsClosed"] = "Comments are closed.",
                ["commentTooFast"] = "You are commenting too quickly. Please wait a moment.",
                ["by"] = "By",
                ["share"] = "Share",
                ["search"] = "Search",
            },
            ["fr"] = new Dictionary<string, string>
            {
                ["dateLineFormat"] = "dddd d MMMM yyyy",
                ["downloadTheApp"] = "Télécharger l'application",
                ["readIn"] = "Lire en {language}",
                ["readInFrench"] = "Lire en français",
                ["readInEnglish"] = "Lire en anglais",
                ["languageEn"] = "anglais",
                ["languageFr"] = "français",
                ["mustRead"] = "À lire absolument",
                ["advertisement"] = "- Publicité -",
                ["moreArticles"] = "Plus d'articles",
                ["latestArticles"] = "Derniers articles",
                ["leaveAReply"] = "Laisser un commentaire",
                ["reply"] = "Répondre",
                ["commentLabel"] = "Commentaire :",
                ["nameLabel"] = "Nom :*",
                ["emailLabel"] = "E-mail :*",
                ["websiteLabel"] = "Site web :",
                ["saveMyDetails"] = "Enregistrer mon nom, mon e-mail et mon site dans ce navigateur pour mon prochain commentaire.",
                ["postComment"] = "Publier le commentaire",
                ["pleaseEnterYourComment"] = "Veuillez saisir votre commentaire !",
                ["pleaseEnterYourName"] = "Veuillez saisir votre nom ici",
                ["pleaseEnterYourEmail"] = "Vous avez saisi une adresse e-mail incorrecte !",
                ["commentPublished"] = "Merci ! Votre commentaire est publié.",
                ["commentAwaitingModeration"] = "Votre commentaire est en attente de modération.",
                ["commentsClosed"] = "Les commentaires sont fermés.",
                ["commentTooFast"] = "Vous commentez trop vite. Patientez un instant.",
                ["by"] = "Par",
                ["share"] = "Partager",
                ["search"] = "Rechercher",
            },
        };

    /// <summary>Names of the default sections; a configured section without one is still a term, named by translators.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> SectionNames =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["politics"] = new Dictionary<string, string> { ["en"] = "Politics", ["fr"] = "Politique" },
            ["business"] = new Dictionary<string, string> { ["en"] = "Business", ["fr"] = "Économie" },
            ["world"] = new Dictionary<string, string> { ["en"] = "World", ["fr"] = "Monde" },
            ["sport"] = new Dictionary<string, string> { ["en"] = "Sport", ["fr"] = "Sport" },
            ["local"] = new Dictionary<string, string> { ["en"] = "Local", ["fr"] = "Actualités locales" },
            ["lifestyle"] = new Dictionary<string, string> { ["en"] = "Lifestyle", ["fr"] = "Art de vivre" },
        };
}
