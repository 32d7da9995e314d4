-- Drives Neovim's own LSP client (0.7+: vim.lsp.start_client) against `programme-language-server --stdio`
-- the way a Neovim user would, and writes what Neovim shows to a JSON file for test/e2e/neovim.e2e.ts
-- to assert on. Run headless: nvim --headless -u NONE -i NONE -n -c 'luafile probe.lua'.
--
-- Environment (all required):
--   PROBE_SERVER   the language server command (node_modules/.bin/programme-language-server)
--   PROBE_EXAMPLE  a copy of the bundled example (edited by the rename step, never saved)
--   PROBE_BROKEN   a copy with a numbering slip
--   PROBE_OUT      where the JSON results go
--   PROBE_HOVER    "LINE:NEEDLE": the reference hovered over (cursor 3 bytes into the needle)
--   PROBE_REFERENCE "LINE:NEEDLE": the label reference used for definition and rename (cursor 4 bytes in)
--   PROBE_DECLARATION "LINE:NEEDLE": where the renamed label must then be declared (NEEDLE is the new `{#…}`)
--   PROBE_NEW_NAME the label's new name
-- Lines in the results are 1-based as Neovim shows them (`lnum` of vim.diagnostic is 0-based and is
-- reported as it is, under `lnum0`).
--
-- Results: { server_pid, steps = { name = ... }, log = { ... }, error = "..." (when a step failed) }.

local env = function(name)
  local v = os.getenv(name)
  assert(v and v ~= '', name .. ' is not set')
  return v
end
local server, example, broken, out = env('PROBE_SERVER'), env('PROBE_EXAMPLE'), env('PROBE_BROKEN'), env('PROBE_OUT')
local function place(name)
  local line, needle = string.match(env(name), '^(%d+):(.+)$')
  assert(line, name .. ' is not LINE:NEEDLE')
  return { line = tonumber(line), needle = needle }
end
local hovered, reference, declaration = place('PROBE_HOVER'), place('PROBE_REFERENCE'), place('PROBE_DECLARATION')
local new_name = env('PROBE_NEW_NAME')
vim.o.hidden = true
local TIMEOUT = 20000
local results = { steps = {}, log = {} }
local function log(msg) table.insert(results.log, string.format('%.3f %s', vim.loop.hrtime() / 1e9, msg)) end

-- Records each textDocument/publishDiagnostics notification (raw LSP params), then lets Neovim handle it.
local published = {}
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  published[result.uri] = result
  log('publishDiagnostics ' .. result.uri .. ' ' .. #result.diagnostics)
  return default_publish(err, result, ctx, config)
end

local function wait(what, cond)
  if not vim.wait(TIMEOUT, cond, 20) then error('timed out after ' .. TIMEOUT .. ' ms waiting for ' .. what) end
end

-- Opens `path` in the current window, attaches the client and waits for the server's diagnostics.
local function open(client_id, path)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'programme'
  vim.lsp.buf_attach_client(buf, client_id)
  local uri = vim.uri_from_bufnr(buf)
  wait('diagnostics of ' .. path, function() return published[uri] ~= nil end)
  return buf, uri
end

-- The diagnostics Neovim holds for `buf` (what :lua vim.diagnostic.setqflist() would list), with the
-- code from the LSP diagnostic.
local function diagnostics(buf, uri)
  local shown = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(shown, {
      lnum0 = d.lnum, col0 = d.col, line = d.lnum + 1, severity = d.severity,
      message = d.message, source = d.source, code = d.code or lsp.code,
    })
  end
  table.sort(shown, function(a, b) return a.lnum0 < b.lnum0 end)
  return { shown = shown, published = #published[uri].diagnostics }
end

-- Puts the cursor inside the first occurrence of `needle` on 1-based line `line` (byte column + `into`).
local function cursor_at(line, needle, into)
  local text = vim.api.nvim_buf_get_lines(0, line - 1, line, true)[1]
  local at = string.find(text, needle, 1, true)
  if not at then error(string.format('line %d has no %q: %s', line, needle, text)) end
  vim.api.nvim_win_set_cursor(0, { line, at - 1 + (into or 0) })
end

local function floating_windows()
  local wins = {}
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= '' then table.insert(wins, w) end
  end
  return wins
end

local function symbols_of(list)
  local outl = {}
  for _, s in ipairs(list or {}) do
    table.insert(outl, {
      name = s.name, kind = s.kind, detail = s.detail,
      line = (s.selectionRange or s.range or s.location.range).start.line + 1,
      children = symbols_of(s.children),
    })
  end
  return outl
end

local function main()
  local client_id = vim.lsp.start_client({
    name = 'programme',
    cmd = { server, '--stdio' },
    root_dir = vim.fn.fnamemodify(example, ':h'),
    -- English, whatever the example's `lang` says: the setting wins over the front matter.
    settings = { programme = { language = 'en' } },
    capabilities = vim.tbl_deep_extend('force', vim.lsp.protocol.make_client_capabilities(), { workspace = { configuration = true } }),
    on_exit = function(code, signal) log('server exited ' .. code .. ' ' .. signal) end,
  })
  assert(client_id, 'vim.lsp.start_client returned nil')
  local client = vim.lsp.get_client_by_id(client_id)
  results.server_pid = client.rpc and client.rpc.pid
  results.nvim_version = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch

  -- 1. The example: its diagnostics (the server must have published them, empty or not).
  local buf, uri = open(client_id, example)
  wait('the client to be initialised', function() return client.initialized end)
  results.offset_encoding = client.offset_encoding
  results.steps.example_diagnostics = diagnostics(buf, uri)

  -- 2. Document symbols (what :lua vim.lsp.buf.document_symbol() lists).
  local symbols = vim.lsp.buf_request_sync(buf, 'textDocument/documentSymbol',
    { textDocument = vim.lsp.util.make_text_document_params() }, TIMEOUT)
  assert(symbols and symbols[client_id], 'no answer to textDocument/documentSymbol')
  assert(not symbols[client_id].err, vim.inspect(symbols[client_id].err))
  results.steps.symbols = symbols_of(symbols[client_id].result)

  -- 3. Hover on a reference (`[[4.7]]` in pillar 5, pointing at pillar 4's measure 7): K opens a float.
  cursor_at(hovered.line, hovered.needle, 3)
  vim.lsp.buf.hover()
  wait('the hover float', function() return #floating_windows() > 0 end)
  local float = floating_windows()[1]
  results.steps.hover = {
    cursor = vim.api.nvim_win_get_cursor(0),
    lines = vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(float), 0, -1, false),
    conceallevel = vim.api.nvim_win_get_option(float, 'conceallevel'),
  }
  vim.api.nvim_win_close(float, true)

  -- 4. Definition: from a label reference (`[[#heltidskultur]]`, after "ø" and "å" on its line, so that
  -- UTF-16 columns differ from bytes) gd jumps to the labelled measure.
  cursor_at(reference.line, reference.needle, 4)
  local from = vim.api.nvim_win_get_cursor(0)
  vim.lsp.buf.definition()
  wait('the jump to the definition', function() return vim.api.nvim_win_get_cursor(0)[1] ~= from[1] end)
  local to = vim.api.nvim_win_get_cursor(0)
  results.steps.definition = {
    from = from, to = to,
    line_text = vim.api.nvim_buf_get_lines(0, to[1] - 1, to[1], true)[1],
  }

  -- 5. Rename the label from one of its references: the declaration and every reference change.
  cursor_at(reference.line, reference.needle, 4)
  vim.lsp.buf.rename(new_name)
  wait('the rename to be applied', function()
    local text = vim.api.nvim_buf_get_lines(buf, declaration.line - 1, declaration.line, true)[1]
    return string.find(text, declaration.needle, 1, true) ~= nil
  end)
  -- Every line that now mentions the new name.
  local changed = {}
  for i, text in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, true)) do
    if string.find(text, '#' .. new_name, 1, true) then table.insert(changed, { line = i, text = text }) end
  end
  results.steps.rename = { lines = changed, modified = vim.bo[buf].modified }

  -- 6. The broken copy: the numbering slip shows as a diagnostic on its line.
  local buf2, uri2 = open(client_id, broken)
  results.steps.broken_diagnostics = diagnostics(buf2, uri2)

  -- 7. Shut the server down (shutdown + exit) and wait until Neovim sees it stopped.
  vim.lsp.stop_client(client_id)
  wait('the server to stop', function() return vim.lsp.get_client_by_id(client_id) == nil end)
end

local ok, err = xpcall(main, debug.traceback)
if not ok then results.error = tostring(err) end
local file = assert(io.open(out, 'w'))
file:write(vim.fn.json_encode(results))
file:close()
vim.cmd(ok and 'qall!' or 'cquit 1')
