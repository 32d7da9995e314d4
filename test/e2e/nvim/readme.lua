-- Checks the init.lua snippet of README.md the way a Neovim user meets it: Neovim starts with the snippet
-- as its init.lua (XDG_CONFIG_HOME/nvim/init.lua, no -u), opens a programme given on the command line,
-- then a second one with :edit; this file only watches, and writes what Neovim then holds to a JSON file
-- for test/e2e/neovim.e2e.ts. It is loaded twice:
--   nvim --headless -i NONE -n --cmd 'luafile readme.lua' FILE -c 'lua programme_readme_check()'
-- --cmd runs it before init.lua, so the diagnostics the server publishes are recorded from the start;
-- -c runs the check once FILE is loaded (and the snippet's autocommands have run for it).
--
-- Environment (all required):
--   PROBE_SECOND  a programme opened with :edit after the first
--   PROBE_OUT     where the JSON results go
--
-- Results: { nvim_version, buffers = { { name, filetype, clients, published, shown } }, server_pids,
-- error = "..." (when a step failed) }. Lines are 1-based as Neovim shows them.

local TIMEOUT = 20000
local published = {}
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  published[result.uri] = true
  return default_publish(err, result, ctx, config)
end

local function env(name)
  local v = os.getenv(name)
  assert(v and v ~= '', name .. ' is not set')
  return v
end

-- The clients attached to `buf` (0.7: vim.lsp.buf_get_clients; later versions: vim.lsp.get_clients).
local function clients_of(buf)
  if vim.lsp.get_clients then return vim.lsp.get_clients({ bufnr = buf }) end
  return vim.tbl_values(vim.lsp.buf_get_clients(buf))
end

-- What Neovim holds for the current buffer once the server has published its diagnostics.
local function look(results)
  local buf = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(buf)
  local row = { name = vim.api.nvim_buf_get_name(buf), filetype = vim.bo[buf].filetype, clients = {} }
  -- The snippet starts its client on the FileType event, so without the filetype no diagnostics come.
  row.published = row.filetype == 'programme' and vim.wait(TIMEOUT, function() return published[uri] == true end, 20)
  -- (Read after the wait: Neovim 0.7 lists a client for a buffer only once the client is initialised.)
  for _, client in ipairs(clients_of(buf)) do
    table.insert(row.clients, client.name)
    local pid = client.rpc and client.rpc.pid
    if pid and not vim.tbl_contains(results.server_pids, pid) then table.insert(results.server_pids, pid) end
  end
  row.shown = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(row.shown, { line = d.lnum + 1, col0 = d.col, severity = d.severity, code = d.code or lsp.code, message = d.message })
  end
  table.sort(row.shown, function(a, b) return a.line < b.line end)
  table.insert(results.buffers, row)
end

function _G.programme_readme_check()
  local results = { buffers = {}, server_pids = {} }
  local out = env('PROBE_OUT')
  local ok, err = xpcall(function()
    local v = vim.version()
    results.nvim_version = v.major .. '.' .. v.minor .. '.' .. v.patch
    look(results)
    vim.cmd('edit ' .. vim.fn.fnameescape(env('PROBE_SECOND')))
    look(results)
    -- Stop the servers (shutdown + exit) and wait until Neovim sees them gone.
    local all_clients = vim.lsp.get_clients or vim.lsp.get_active_clients
    vim.lsp.stop_client(all_clients())
    if not vim.wait(TIMEOUT, function() return #all_clients() == 0 end, 20) then
      error('the language server did not stop within ' .. TIMEOUT .. ' ms')
    end
  end, debug.traceback)
  if not ok then results.error = tostring(err) end
  local file = assert(io.open(out, 'w'))
  file:write(vim.fn.json_encode(results))
  file:close()
  vim.cmd(ok and 'qall!' or 'cquit 1')
end
