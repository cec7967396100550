"""The shared frontier: scrapy-redis's scheduler and duplicate filter, made
safe to kill.

Every crawler process of a source crawl takes its requests from one sorted
set in Redis (scrapy-redis's PriorityQueue) and checks each new request
against one set of fingerprints (scrapy-redis's RFPDupeFilter), so a page is
fetched once whatever the number of crawlers. scrapy-redis alone loses the
requests a killed crawler had taken: they have left the queue and are in the
duplicate filter, so no one fetches them again. Here a request taken from
the queue moves, in the same Redis script, into the crawler's own
`processing` hash, and leaves it only when Scrapy is done with it: when the
engine drops it from its requests in progress — downloaded, its callback or
errback run, every item it gave through the pipelines (its record pushed to
the writer's list), every request it gave scheduled. A crawler that stops
cleanly puts back what it still holds; one that is killed stops renewing
its heartbeat, and any crawler of the frontier then puts back what it held.
A request put back after its record was pushed is fetched once more: the
writer's upsert by URL makes that harmless.

A crawl that finds the frontier empty and no crawler working on it starts a
new run: the fingerprints of the previous run are forgotten (feeds and
listings are fetched again each run; stored articles are skipped by the
stored-keys set). Otherwise it joins the run: a restarted crawler resumes
the shared frontier. A crawler whose queue is empty stays while another
still holds requests, as those may yield more.

Scrapy does not signal the end of a request's processing; the engine's set
of requests in progress (`engine._slot.inprogress`) is where it is known.
"""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from newscrawl import outcomes
from newscrawl.redis_keys import RedisKeys, connect_from_settings, gone_from_this_host, heartbeat_value, node_id

logger = logging.getLogger(__name__)

# KEYS: frontier, processing. The lowest score first; the token keeps the
# score, so a request put back keeps its priority.
_TAKE = """
local item = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #item == 0 then return false end
redis.call('ZREM', KEYS[1], item[1])
local token = item[2] .. ' ' .. redis.sha1hex(item[1])
redis.call('HSET', KEYS[2], token, item[1])
return {token, item[1]}
"""

# KEYS: frontier, members. ARGV: processing key prefix, heartbeat key prefix.
# What crawlers without a heartbeat held goes back to the frontier.
_RECOVER = """
local moved = 0
for _, member in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if redis.call('EXISTS', ARGV[2] .. member) == 0 then
    local processing = ARGV[1] .. member
    local entries = redis.call('HGETALL', processing)
    for i = 1, #entries, 2 do
      local score = tonumber(string.match(entries[i], '^(%S+)')) or 0
      redis.call('ZADD', KEYS[1], score, entries[i + 1])
      moved = moved + 1
    end
    redis.call('DEL', processing)
    redis.call('SREM', KEYS[2], member)
  end
end
return moved
"""

# KEYS: frontier, members, seen. ARGV: as _RECOVER, then this crawler's id.
_JOIN = _RECOVER.replace("return moved", """
local fresh = 0
if redis.call('SCARD', KEYS[2]) == 0 and redis.call('ZCARD', KEYS[1]) == 0 then
  redis.call('DEL', KEYS[3])
  fresh = 1
end
redis.call('SADD', KEYS[2], ARGV[3])
return {fresh, moved}
""")


class SharedFrontier(Scheduler):
    def __init__(self, server, crawler, keys: RedisKeys, dead_after: float, **kwargs):
        super().__init__(server, persist=True, queue_cls="scrapy_redis.queue.PriorityQueue", **kwargs)
        self.crawler = crawler
        self.keys = keys
        self.dead_after = max(0.5, dead_after)
        self.me = node_id(crawler)
        self.name = ""
        self.pending: dict[int, tuple[object, str]] = {}  # id(request) -> (request, token)
        self.own: set[str] = set()  # fingerprints this crawler put in the frontier
        self.beat: task.LoopingCall | None = None
        self._take = server.register_script(_TAKE)
        self._recover = server.register_script(_RECOVER)
        self._join = server.register_script(_JOIN)

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        frontier = cls(connect_from_settings(s), crawler, RedisKeys.from_settings(s),
                       s.getfloat("NEWSCRAWL_REDIS_DEAD_AFTER"), dupefilter_cls="scrapy_redis.dupefilter.RFPDupeFilter")
        frontier.stats = crawler.stats
        crawler.signals.connect(frontier.spider_idle, signal=signals.spider_idle)
        return frontier

    # Opening and closing.

    def open(self, spider):
        source = getattr(spider, "source", None)
        self.name = f"{spider.name}:{getattr(source, 'name', None) or spider.name}"
        # scrapy-redis fills %(spider)s in; a source name has no "%".
        self.queue_key = self.keys.frontier(self.name)
        self.df = RFPDupeFilter(self.server, key=self.keys.seen(self.name),
                                debug=spider.settings.getbool("DUPEFILTER_DEBUG"))
        super().open(spider)
        self._heartbeat()
        self._forget_gone_crawlers()
        fresh, moved = self._join(keys=[self.queue_key, self.keys.members(self.name), self.df.key],
                                  args=[self.keys.processing_prefix, self.keys.heartbeat_prefix, self.me])
        self.server.sadd(self.keys.frontiers, self.name)
        if moved:
            self.stats.inc_value("newscrawl/frontier/recovered", moved)
        if not fresh:
            self.stats.inc_value("newscrawl/frontier/joined")
            logger.info("joining the crawl of %s: %d request(s) queued", self.name, len(self.queue))
        self.beat = task.LoopingCall(self._tick)
        self.beat.start(min(1.0, self.dead_after / 5), now=False)

    def close(self, reason):
        if self.beat is not None and self.beat.running:
            self.beat.stop()
        self._ack_finished()
        # Whatever is still held goes back: a clean stop is a death without the wait.
        self.server.delete(self.keys.heartbeat(self.me))
        self._recover(keys=[self.queue_key, self.keys.members(self.name)],
                      args=[self.keys.processing_prefix, self.keys.heartbeat_prefix])
        self.pending.clear()

    # Requests in and out.

    def enqueue_request(self, request):
        if not request.dont_filter:
            fingerprint = self.df.request_fingerprint(request)
            if not self.server.sadd(self.df.key, fingerprint):
                if fingerprint in self.own or request.meta.get("redirect_urls"):
                    self.df.log(request, self.spider)
                    return False  # this crawler's own duplicate: told as in a crawl of one process
                # Another crawler of the frontier has it.
                self.stats.inc_value("newscrawl/frontier/elsewhere")
                key = request.meta.get("article_key")
                if key:
                    self.crawler.signals.send_catch_log(outcomes.article_elsewhere, url=key)
                return True
            self.own.add(fingerprint)
        self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self):
        self._ack_finished()
        taken = self._take(keys=[self.queue_key, self.keys.processing(self.me)])
        if not taken:
            return None
        token, raw = taken
        request = self.queue._decode_request(raw)
        self.pending[id(request)] = (request, token.decode() if isinstance(token, bytes) else token)
        self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self):
        return len(self) > 0

    def _ack_finished(self) -> None:
        """Requests Scrapy is done with leave this crawler's processing hash."""
        slot = getattr(self.crawler.engine, "_slot", None) if self.crawler.engine is not None else None
        if slot is None or not self.pending:
            return
        in_progress = slot.inprogress
        done = [key for key, (request, _token) in self.pending.items() if request not in in_progress]
        if done:
            self.server.hdel(self.keys.processing(self.me), *[self.pending[key][1] for key in done])
            for key in done:
                del self.pending[key]

    # Liveness.

    def _heartbeat(self) -> None:
        self.server.set(self.keys.heartbeat(self.me), heartbeat_value(frontier=self.name),
                        px=int(self.dead_after * 1000))

    def _forget_gone_crawlers(self) -> None:
        for member in self.server.smembers(self.keys.members(self.name)):
            member = member.decode()
            if gone_from_this_host(member):
                self.server.delete(self.keys.heartbeat(member))

    def _tick(self) -> None:
        try:
            self._heartbeat()
            self._ack_finished()
            self._forget_gone_crawlers()
            moved = self._recover(keys=[self.queue_key, self.keys.members(self.name)],
                                  args=[self.keys.processing_prefix, self.keys.heartbeat_prefix])
        except Exception as exc:  # Redis away for a moment: the next tick tries again
            logger.warning("shared frontier %s: %s", self.name, exc)
            return
        if moved:
            logger.warning("%s: %d request(s) of a crawler that stopped answering put back in the frontier",
                           self.name, moved)
            self.stats.inc_value("newscrawl/frontier/recovered", moved)
        slot = getattr(self.crawler.engine, "_slot", None) if self.crawler.engine is not None else None
        if slot is not None:
            # An idle crawler looks again now, not at the engine's next
            # heartbeat: for requests other crawlers queued, or to close
            # once no one holds any.
            slot.nextcall.schedule()

    def busy_elsewhere(self) -> bool:
        """Another crawler still holds requests (which may give more), or some are queued."""
        if len(self.queue):
            return True
        for member in self.server.smembers(self.keys.members(self.name)):
            member = member.decode()
            if member != self.me and self.server.hlen(self.keys.processing(member)):
                return True
        return False

    def spider_idle(self, spider) -> None:
        self._ack_finished()
        if self.busy_elsewhere():
            raise DontCloseSpider
