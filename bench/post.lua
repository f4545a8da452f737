-- wrk script: POST a registration with a unique attendee per request.
local threads = {}
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function init(args)
  counter = 0
  salt = math.random(1, 1000000000)
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"attendees":[{"email":"load-%d-%d-%d@example.com","firstName":"Load","lastName":"Test"}]}',
    tid, salt, counter)
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end
