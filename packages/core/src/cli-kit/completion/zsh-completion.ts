import { fnPrefix, shellDataFunctions } from './_shell-data.ts';
import type { CompletionModel } from './completion-model.ts';

/** A zsh completion script (`source <(truffle completion zsh)` after compinit), from the command table. */
export function zshCompletion(model: CompletionModel): string {
  const p = fnPrefix(model);
  return `#compdef ${model.cli}
# zsh completion for ${model.cli} (generated from its command table by \`${model.cli} completion zsh\`)
${shellDataFunctions(model)}
${p}_reply() {
  case "\${1%% *}" in
    words) compadd -- \${=\${1#words }} ;;
    regions) compadd -- \${=${p}_regions} ;;
    region-list) compset -P '*,'; compadd -- \${=${p}_regions} ;;
    instance-types) compadd -- \${=${p}_instance_types} ;;
    instance-type-list) compset -P '*,'; compadd -- \${=${p}_instance_types} ;;
    files) _files ;;
  esac
}
${p}_zsh() {
  local cur="\${words[CURRENT]}" prev="\${words[CURRENT-1]}" kind
  ${p}_scan "\${(@)words[1,CURRENT-1]}"
  [[ $${p}_dashdash == 1 ]] && return
  if [[ $cur == --*=* ]]; then
    kind=$(${p}_values "$${p}_cmd" "\${cur%%=*}")
    if [[ -n $kind ]]; then compset -P '*='; ${p}_reply "$kind"; return; fi
  fi
  if [[ $prev == -* ]]; then
    kind=$(${p}_values "$${p}_cmd" "$prev")
    if [[ -n $kind ]]; then ${p}_reply "$kind"; return; fi
  fi
  if [[ $cur == -* ]]; then
    compadd -- \${=$(${p}_options "$${p}_cmd")}
  elif [[ -z $${p}_cmd ]]; then
    compadd -- \${=${p}_commands}
  else
    kind=$(${p}_arg "$${p}_cmd" "$${p}_npos")
    [[ -n $kind ]] && ${p}_reply "$kind"
  fi
}
# Autoloaded from fpath (a file named ${p}): this run is the first completion itself.
if [[ "\${funcstack[1]}" == ${p} ]]; then ${p}_zsh "$@"
elif (( $+functions[compdef] )); then compdef ${p}_zsh ${model.cli}; fi
`;
}
