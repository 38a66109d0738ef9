-- Time from a story's first draft to its first publication, per section (hours), for stories first published in the range.
-- services: articles
-- chart: bar x=section y=median_hours
--
-- In your own DuckDB session:
--   create view articles as select * from read_parquet('articles.parquet');
--   set variable report_from = timestamptz '2026-11-01 00:00:00+04';
--   set variable report_to = timestamptz '2026-12-01 00:00:00+04';
with drafted as (
    select streamId as article, min("at") as drafted_at
    from articles
    where "type" = 'article_drafted'
    group by all
), first_published as (
    select streamId as article,
           arg_min(json_extract_string("data", '$.section'), json_extract_string("data", '$.publishedAt')::timestamptz) as section,
           min(json_extract_string("data", '$.publishedAt')::timestamptz) as published_at
    from articles
    where "type" = 'article_published'
    group by all
), lead_time as (
    select p.section, epoch(p.published_at - d.drafted_at) / 3600.0 as hours
    from first_published p
    join drafted d on d.article = p.article
    where p.published_at >= getvariable('report_from') and p.published_at < getvariable('report_to')
)
select section,
       count(*) as stories,
       round(median(hours), 2) as median_hours,
       round(quantile_cont(hours, 0.9), 2) as p90_hours,
       round(max(hours), 2) as max_hours
from lead_time
group by all
order by section;
