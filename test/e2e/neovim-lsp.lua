-- Neovim's built-in LSP client against `optim-lens lsp --stdio` (test/e2e/neovim.spec.ts): attach
-- to the buffer, wait for the server's diagnostics, print one line each on stdout, quit.
-- Written for Debian 12's Neovim 0.7 (vim.lsp.start_client); newer ones run it as well.
local cli = os.getenv('OPTIM_LENS_CLI')
local buf = vim.api.nvim_get_current_buf()
local file = vim.api.nvim_buf_get_name(buf)
local id = vim.lsp.start_client({
  name = 'optim-lens',
  cmd = { os.getenv('OPTIM_LENS_NODE') or 'node', cli, 'lsp', '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
})
vim.lsp.buf_attach_client(buf, id)
-- The spec's own timeout ends a hang; this only bounds how long Neovim itself waits.
local found = vim.wait(50000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '?'
  io.stdout:write(string.format('%d:%d %s %s %s\n', d.lnum + 1, d.col + 1, code, d.source or '?', d.message))
end
if not found then io.stdout:write('no diagnostics\n') end
-- The first diagnostic's quick fixes, as `:lua vim.lsp.buf.code_action()` would list them.
local first = vim.diagnostic.get(buf)[1]
if first then
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = first.lnum, character = first.col }, ['end'] = { line = first.end_lnum, character = first.end_col } },
    -- Neovim's own code_action() sends the line's diagnostics back in this LSP shape.
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, first.lnum) },
  }
  for _, response in pairs(vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 20000) or {}) do
    for _, action in ipairs(response.result or {}) do io.stdout:write('action: ' .. action.title .. '\n') end
  end
end
-- A hover on the optimizer's constructor (HOVER_LINE, HOVER_COLUMN: 1-based, from the spec).
local hover_at = { line = tonumber(os.getenv('HOVER_LINE') or '1') - 1, character = tonumber(os.getenv('HOVER_COLUMN') or '1') - 1 }
local hover_params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = hover_at }
for _, response in pairs(vim.lsp.buf_request_sync(buf, 'textDocument/hover', hover_params, 20000) or {}) do
  local contents = response.result and response.result.contents
  if contents and contents.value then io.stdout:write('hover: ' .. contents.value:gsub('\n', ' ') .. '\n') end
end
vim.lsp.stop_client(id)
vim.cmd('qa!')
