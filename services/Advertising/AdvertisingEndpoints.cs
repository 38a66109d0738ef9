using NewsPlatform.Advertising.Advertisers;
using NewsPlatform.Advertising.Campaigns;
using NewsPlatform.Advertising.Decisions;
using NewsPlatform.Advertising.Delivery;
using NewsPlatform.Advertising.Reports;
using NewsPlatform.Platform.Auth;

namespace NewsPlatform.Advertising;

/// <summary>Every route of the advertising service (CONTRACT.md, Advertising).</summary>
public static class AdvertisingEndpoints
{
    public static IEndpointRouteBuilder MapAdvertisingEndpoints(this IEndpointRouteBuilder app)
    {
        var ads = app.MapGroup("/api/ads");

        ads.MapPost("advertisers", AdvertiserEndpoints.Register).RequireAnyRole(Roles.Admin);
        ads.MapGet("advertisers/{id:guid}", AdvertiserEndpoints.Get).RequireAnyRole(Roles.Advertiser);

        ads.MapPost("campaigns", CampaignEndpoints.Create).RequireAnyRole(Roles.Advertiser);
        ads.MapGet("campaigns", CampaignEndpoints.List).RequireAnyRole(Roles.Advertiser);
        ads.MapGet("campaigns/{id:guid}", CampaignEndpoints.Get).RequireAnyRole(Roles.Advertiser);
        ads.MapPost("campaigns/{id:guid}/creatives", CampaignEndpoints.AddCreative).RequireAnyRole(Roles.Advertiser);
        ads.MapPost("campaigns/{id:guid}/creatives/{creativeId:guid}/approve", CampaignEndpoints.ApproveCreative).RequireAnyRole(Roles.Admin);
        ads.MapPost("campaigns/{id:guid}/creatives/{creativeId:guid}/reject", CampaignEndpoints.RejectCreative).RequireAnyRole(Roles.Admin);
        ads.MapPost("campaigns/{id:guid}/activate", CampaignEndpoints.Activate).RequireAnyRole(Roles.Advertiser);
        ads.MapPost("campaigns/{id:guid}/pause", CampaignEndpoints.Pause).RequireAnyRole(Roles.Advertiser);
        ads.MapPost("campaigns/{id:guid}/resume", CampaignEndpoints.Resume).RequireAnyRole(Roles.Advertiser);
        ads.MapPost("campaigns/{id:guid}/end", CampaignEndpoints.End).RequireAnyRole(Roles.Advertiser);
        ads.MapGet("campaigns/{id:guid}/report", ReportEndpoint.Report).RequireAnyRole(Roles.Advertiser);

        ads.MapGet("decision", DecisionEndpoint.Decide).AllowAnonymous();
        ads.MapGet("decisions", BatchDecisionEndpoint.Decide).AllowAnonymous().Produces<Dictionary<string, AdDecision?>>().ProducesValidationProblem();
        ads.MapPost("impressions/{token}", LedgerEndpoints.Impression).AllowAnonymous();
        ads.MapGet("impressions/{token}", LedgerEndpoints.Impression).AllowAnonymous();
        ads.MapGet("clicks/{token}", LedgerEndpoints.Click).AllowAnonymous();
        return app;
    }
}
