import { fnPrefix, shellDataFunctions } from './_shell-data.ts';
import type { CompletionModel } from './completion-model.ts';

/** A bash completion script (`source <(truffle completion bash)`), generated from the command table. */
export function bashCompletion(model: CompletionModel): string {
  const p = fnPrefix(model);
  return `# bash completion for ${model.cli} (generated from its command table by \`${model.cli} completion bash\`)
${shellDataFunctions(model)}
${p}_reply() {
  local list pre=''
  case "\${1%% *}" in
    words) list="\${1#words }" ;;
    regions|region-list) list="$${p}_regions" ;;
    instance-types|instance-type-list) list="$${p}_instance_types" ;;
    files) compopt -o default 2>/dev/null; COMPREPLY=(); return ;;
    *) COMPREPLY=(); return ;;
  esac
  case "$1" in *-list) case "$cur" in *,*) pre="\${cur%,*}," ;; esac ;; esac
  COMPREPLY=($(compgen -P "$pre" -W "$list" -- "\${cur#"$pre"}"))
}
${p}_complete() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" kind
  # COMP_WORDBREAKS splits --sort=price into --sort, =, price.
  if [[ $cur == = ]]; then cur=''
  elif [[ $prev == = && $COMP_CWORD -ge 2 ]]; then prev="\${COMP_WORDS[COMP_CWORD-2]}"; fi
  ${p}_scan "\${COMP_WORDS[@]:0:COMP_CWORD}"
  COMPREPLY=()
  [[ $${p}_dashdash == 1 ]] && return
  if [[ $prev == -* ]]; then
    kind=$(${p}_values "$${p}_cmd" "$prev")
    if [[ -n $kind ]]; then ${p}_reply "$kind"; return; fi
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(${p}_options "$${p}_cmd")" -- "$cur"))
  elif [[ -z $${p}_cmd ]]; then
    COMPREPLY=($(compgen -W "$${p}_commands" -- "$cur"))
  else
    kind=$(${p}_arg "$${p}_cmd" "$${p}_npos")
    [[ -n $kind ]] && ${p}_reply "$kind"
  fi
  return 0
}
complete -F ${p}_complete ${model.cli}
`;
}
