-- Argo CD health of an ldai.dev resource (AIConfig, AIConfigVariation, AIModelConfig, AIConfigTargeting,
-- AITool, PromptSnippet, AIAgentGraph), read from the kstatus-style conditions the operator writes: Ready,
-- Reconciling, Stalled; a paused resource is Suspended. Only Lua's base functions are used: Argo CD gives
-- scripts from argocd-cm no string, io or os library.
local hs = { status = "Progressing", message = "Waiting for the operator" }

local function conditionsOf(o)
  if type(o) ~= "table" or type(o.status) ~= "table" or type(o.status.conditions) ~= "table" then
    return nil
  end
  local found = {}
  for _, c in ipairs(o.status.conditions) do
    if type(c) == "table" and type(c.type) == "string" then
      found[c.type] = c
    end
  end
  return found
end

local function text(value)
  if type(value) == "string" then
    return value
  end
  return ""
end

local function number(value)
  if type(value) == "number" then
    return value
  end
  return nil
end

local function describe(condition)
  local reason = text(condition.reason)
  local message = text(condition.message)
  if reason ~= "" and message ~= "" then
    return reason .. ": " .. message
  end
  if reason ~= "" then
    return reason
  end
  return message
end

if type(obj) ~= "table" then
  return hs
end
if type(obj.metadata) == "table" and obj.metadata.deletionTimestamp ~= nil then
  -- A deletion the operator cannot finish while others use the object (InUse: variations still pin it, or
  -- agent graphs use the AI Config; ModelConfigInUse) is Stalled; a Stalled condition from before the
  -- deletion's generation is not that.
  local conditions = conditionsOf(obj)
  local stalled = nil
  if conditions ~= nil then
    stalled = conditions["Stalled"]
  end
  local generation = number(obj.metadata.generation)
  local stalledAt = nil
  if stalled ~= nil then
    stalledAt = number(stalled.observedGeneration)
  end
  if stalled ~= nil and stalled.status == "True" and generation ~= nil and stalledAt ~= nil and stalledAt >= generation then
    hs.status = "Degraded"
    hs.message = describe(stalled)
    return hs
  end
  hs.message = "Deleting"
  return hs
end

local conditions = conditionsOf(obj)
local paused = type(obj.metadata) == "table" and type(obj.metadata.annotations) == "table"
  and obj.metadata.annotations["ldai.dev/reconcile"] == "paused"
local ready = nil
if conditions ~= nil then
  ready = conditions["Ready"]
end
if paused or (ready ~= nil and ready.reason == "Paused") then
  hs.status = "Suspended"
  hs.message = "Reconcile paused by the annotation ldai.dev/reconcile: paused"
  return hs
end
if conditions == nil then
  return hs
end

local generation = nil
if type(obj.metadata) == "table" then
  generation = number(obj.metadata.generation)
end
local observed = number(obj.status.observedGeneration)
if generation ~= nil and observed ~= nil and observed < generation then
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
  return hs
end

local stalled = conditions["Stalled"]
if stalled ~= nil and stalled.status == "True" then
  hs.status = "Degraded"
  hs.message = describe(stalled)
  return hs
end

local reconciling = conditions["Reconciling"]
if ready ~= nil then
  local readyObserved = number(ready.observedGeneration)
  local current = generation ~= nil and readyObserved ~= nil and readyObserved >= generation
  local busy = reconciling ~= nil and reconciling.status == "True"
  if ready.status == "True" and current and not busy then
    hs.status = "Healthy"
    hs.message = text(ready.message)
    if hs.message == "" then
      hs.message = "Synced"
    end
    return hs
  end
  if busy then
    hs.message = describe(reconciling)
  elseif describe(ready) ~= "" then
    hs.message = describe(ready)
  end
end
return hs
