using System.Net;

namespace NewsPlatform.FunctionalTests.Infrastructure;

/// <summary>Editorial steps through the gateway that many tests begin with.</summary>
public static class Newsroom
{
    public static async Task<(Guid Id, string ETag)> Draft(HttpClient editor, object? article = null)
    {
        var response = await editor.PostAsync("/api/articles", Api.JsonBody(article ?? Api.SampleArticle()));
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Draft failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var body = await response.ReadObject();
        return ((Guid)body["id"]!, response.Headers.ETag!.Tag);
    }
}
