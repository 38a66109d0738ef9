-- Ad impressions, clicks and click-through rate (percent) per campaign per day, in the site's calendar, as the
-- advertising ledger counted them (each signed token once).
-- services: ads
-- chart: line x=day series=campaign y=impressions
--
-- In your own DuckDB session:
--   create view ads as select * from read_parquet('ads.parquet');  -- np events export --service ads
--   set variable report_from = timestamptz '2026-11-01 00:00:00+04';
--   set variable report_to = timestamptz '2026-12-01 00:00:00+04';
--   set variable site_time_zone = 'Indian/Mauritius';
with campaigns as (
    select json_extract_string("data", '$.campaignId') as campaign_id,
           arg_max(json_extract_string("data", '$.name'), "at") as campaign
    from ads
    where "type" = 'campaign_created'
    group by all
), delivered as (
    select json_extract_string("data", '$.campaignId') as campaign_id,
           strftime(timezone(getvariable('site_time_zone'), "at"), '%Y-%m-%d') as day,
           count(*) filter (where "type" = 'impression_counted') as impressions,
           count(*) filter (where "type" = 'click_counted') as clicks
    from ads
    where "type" in ('impression_counted', 'click_counted')
      and "at" >= getvariable('report_from') and "at" < getvariable('report_to')
    group by all
)
select d.day,
       coalesce(c.campaign, d.campaign_id) as campaign,
       d.impressions,
       d.clicks,
       case when d.impressions = 0 then null else round(100.0 * d.clicks / d.impressions, 2) end as ctr_percent
from delivered d
left join campaigns c on c.campaign_id = d.campaign_id
order by d.day, campaign;
