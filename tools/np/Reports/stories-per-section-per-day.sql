-- Stories published per section per day, in the site's calendar, from the articles history alone.
-- A story counts once a day however often it was (re)published that day; published again on another day, it counts again.
-- services: articles
-- chart: bar x=day series=section y=stories
--
-- In your own DuckDB session:
--   create view articles as select * from read_parquet('articles.parquet');  -- np events export --service articles
--   set variable report_from = timestamptz '2026-11-01 00:00:00+04';
--   set variable report_to = timestamptz '2026-12-01 00:00:00+04';
--   set variable site_time_zone = 'Indian/Mauritius';
with published as (
    select streamId as article,
           json_extract_string("data", '$.section') as section,
           json_extract_string("data", '$.publishedAt')::timestamptz as published_at
    from articles
    where "type" = 'article_published'
)
select strftime(timezone(getvariable('site_time_zone'), published_at), '%Y-%m-%d') as day,
       section,
       count(distinct article) as stories
from published
where published_at >= getvariable('report_from') and published_at < getvariable('report_to')
group by all
order by day, section;
