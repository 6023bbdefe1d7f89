-- The Omnidesk budget shared by the bridge's replicas (budget.store=redis): one hash per account, changed only by
-- this script, so each call is atomic. The clock is Redis's (TIME), never a replica's.
-- Fields: id (the current minute), used (units counted in it), ends (when it ends, Redis ms; -1: no minute
-- running, the next call starts one), paused (no call before it, after a 429), limit (Omnidesk's header).
-- KEYS[1] the hash; ARGV[1] the operation, ARGV[2] the configured limit, then by operation:
--   spend  units reserve lengthMs marginMs  -> spends units when units + reserve fit, else says how long to wait
--   used   windowId left lengthMs marginMs  -> Omnidesk's api_calls_left for a call counted in windowId
--   pause  pauseMs                          -> a 429: nothing left until now + pauseMs, a new minute starts then
--   limit  limit                            -> Omnidesk's rate_limit_per_minute
--   peek                                    -> nothing
-- Returns {granted, id, wait, limit, used, ends - now (-1: none), paused - now (0: none)}.
local key = KEYS[1]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local op = ARGV[1]
if op == 'limit' then
  redis.call('HSET', key, 'limit', ARGV[3])
end
local s = redis.call('HMGET', key, 'id', 'used', 'ends', 'paused', 'limit')
local id = tonumber(s[1]) or 0
local used = tonumber(s[2]) or 0
local ends = tonumber(s[3]) or -1
local paused = tonumber(s[4]) or 0
local limit = tonumber(s[5]) or tonumber(ARGV[2])
if ends >= 0 and now >= ends then
  ends = -1
  used = 0
  id = id + 1
end
local granted = 0
local wait = 0
if op == 'spend' then
  local units = tonumber(ARGV[3])
  local reserve = tonumber(ARGV[4])
  if paused > now then
    wait = paused - now
  elseif used > 0 and used + units + reserve > limit then
    -- used > 0 means a minute is running (ends >= 0); a fresh minute always takes its first call
    wait = math.max(1, ends - now)
  else
    if ends < 0 then
      ends = now + tonumber(ARGV[5]) + tonumber(ARGV[6])
    end
    used = used + units
    granted = 1
  end
elseif op == 'used' then
  local u = limit - tonumber(ARGV[4])
  if tonumber(ARGV[3]) == id and u > used then
    used = u -- other clients of the account spent part of this minute
    if ends < 0 then
      ends = now + tonumber(ARGV[5]) + tonumber(ARGV[6])
    end
  end
elseif op == 'pause' then
  local untl = now + tonumber(ARGV[3])
  if untl > paused then
    paused = untl
  end
  if ends < 0 or ends < paused then
    id = id + 1
  end
  ends = paused
  used = limit
end
redis.call('HSET', key, 'id', id, 'used', used, 'ends', ends, 'paused', paused)
local endsIn = -1
if ends >= 0 then
  endsIn = ends - now
end
return {granted, id, wait, limit, used, endsIn, math.max(0, paused - now)}
