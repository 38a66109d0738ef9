-- Per story whose comment thread opened in the range (the thread opens when the story is published): comments posted
-- in its first 24 hours, and for comments held for moderation, how many were decided and how long that took (minutes
-- from posting to the first approval, rejection or spam mark).
-- services: comments
-- chart: bar x=story y=comments_first_24h
--
-- In your own DuckDB session:
--   create view comments as select * from read_parquet('comments.parquet');
--   set variable report_from = timestamptz '2026-11-01 00:00:00+04';
--   set variable report_to = timestamptz '2026-12-01 00:00:00+04';
--   set variable site_time_zone = 'Indian/Mauritius';
with threads as (
    select json_extract_string("data", '$.articleId') as article,
           arg_min(json_extract_string("data", '$.articleTitle'), "at") as story,
           min("at") as opened_at
    from comments
    where "type" = 'thread_opened'
    group by all
), posted as (
    select json_extract_string("data", '$.commentId') as comment,
           json_extract_string("data", '$.articleId') as article,
           json_extract_string("data", '$.status') as status,
           "at" as posted_at
    from comments
    where "type" = 'comment_posted'
), decided as (
    select json_extract_string("data", '$.commentId') as comment, min("at") as decided_at
    from comments
    where "type" in ('comment_approved', 'comment_rejected', 'comment_marked_as_spam')
    group by all
)
select t.story,
       strftime(timezone(getvariable('site_time_zone'), t.opened_at), '%Y-%m-%d %H:%M') as opened,
       count(p.comment) filter (where p.posted_at < t.opened_at + interval 24 hour) as comments_first_24h,
       count(p.comment) filter (where p.status = 'pending') as held,
       count(d.decided_at) filter (where p.status = 'pending') as moderated,
       round(median(epoch(d.decided_at - p.posted_at) / 60.0) filter (where p.status = 'pending'), 1) as median_moderation_minutes,
       round(max(epoch(d.decided_at - p.posted_at) / 60.0) filter (where p.status = 'pending'), 1) as max_moderation_minutes
from threads t
left join posted p on p.article = t.article
left join decided d on d.comment = p.comment
where t.opened_at >= getvariable('report_from') and t.opened_at < getvariable('report_to')
group by all
order by opened, story;
