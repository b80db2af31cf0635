import { safeWords, valueKind } from './_shell-data.ts';
import type { CompletionModel } from './completion-model.ts';

const list = (words: readonly string[]) => `@(${words.map((w) => `'${w}'`).join(', ')})`;

/**
 * A PowerShell completion script (`truffle completion powershell | Out-String | Invoke-Expression`,
 * or saved into $PROFILE), from the command table: the same decisions as the bash script.
 */
export function powershellCompletion(model: CompletionModel): string {
  const scopes: [string, typeof model.programOptions][] = [
    ['', model.programOptions],
    ...model.commands.map((c): [string, typeof c.options] => [c.name, c.options]),
  ];
  const commandMap = model.commands
    .flatMap((c) => [c.name, ...c.aliases].map((n) => `'${safeWords([n])}' = '${c.name}'`))
    .join('; ');
  const options = scopes.map(([s, o]) => `'${s}' = ${list(o.flatMap((x) => x.flags))}`).join('\n    ');
  const valueOptions = scopes
    .map(([s, o]) => `'${s}' = ${list(o.filter((x) => x.takesValue).flatMap((x) => x.flags))}`)
    .join('\n    ');
  const values = scopes
    .flatMap(([s, o]) =>
      o.filter((x) => x.takesValue).flatMap((x) => x.flags.map((f) => `'${s} ${f}' = '${valueKind(x)}'`)),
    )
    .join('\n    ');
  const args = model.commands
    .flatMap((c) => c.args.map((a, i) => (a ? `'${c.name} ${i}' = '${a}'` : undefined)).filter(Boolean))
    .join('\n    ');
  return `# PowerShell completion for ${model.cli} (generated from its command table by \`${model.cli} completion powershell\`)
Register-ArgumentCompleter -Native -CommandName ${model.cli} -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $commands = @{ ${commandMap} }
  $options = @{
    ${options}
  }
  $valueOptions = @{
    ${valueOptions}
  }
  $values = @{
    ${values}
  }
  $argKinds = @{
    ${args}
  }
  $regions = ${list(model.regions.map((r) => safeWords([r])))}
  $types = ${list(model.instanceTypes.map((t) => safeWords([t])))}
  $words = @($commandAst.CommandElements | Where-Object { $_.Extent.EndOffset -lt $cursorPosition } | ForEach-Object { $_.ToString() })
  $cmd = ''; $npos = 0; $skip = $false; $prev = ''
  foreach ($w in ($words | Select-Object -Skip 1)) {
    if ($skip) { $skip = $false; $prev = $w; continue }
    if ($w -eq '--') { return }
    if ($w.StartsWith('-')) { if ($valueOptions[$cmd] -contains $w) { $skip = $true } }
    elseif ($cmd -eq '' -and $commands.ContainsKey($w)) { $cmd = $commands[$w] }
    else { $npos++ }
    $prev = $w
  }
  $kind = $null; $candidates = @()
  if ($skip) { $kind = $values["$cmd $prev"] }
  elseif ($wordToComplete.StartsWith('-')) { $candidates = $options[$cmd] }
  elseif ($cmd -eq '') { $candidates = @($commands.Keys | Sort-Object) }
  else { $kind = $argKinds["$cmd $npos"] }
  $prefix = ''
  if ($kind) {
    if ($kind -like '*-list' -and $wordToComplete.Contains(',')) {
      $prefix = $wordToComplete.Substring(0, $wordToComplete.LastIndexOf(',') + 1)
    }
    switch -Wildcard ($kind) {
      'words *' { $candidates = $kind.Substring(6).Split(' ') }
      'region*' { $candidates = $regions }
      'instance-type*' { $candidates = $types }
      default { return }
    }
  }
  $rest = $wordToComplete.Substring($prefix.Length)
  $candidates | Where-Object { $_ -like "$rest*" } | ForEach-Object {
    [System.Management.Automation.CompletionResult]::new("$prefix$_", $_, 'ParameterValue', $_)
  }
}
`;
}
