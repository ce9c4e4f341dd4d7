package io.vcon.storage.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Prints the shell completion script, generated from the command model itself, so it always knows
 * every command and option of this version. picocli's script serves bash and zsh (zsh through its
 * bashcompinit), so the shell argument only documents the choice.
 */
@Command(
    name = "completion",
    description = {
      "Prints the bash/zsh completion script for vcon-storage on stdout.",
      "bash: source <(vcon-storage completion)   (or save it under"
          + " ~/.local/share/bash-completion/completions/)",
      "zsh:  source <(vcon-storage completion zsh)   (in ~/.zshrc, after compinit)"
    })
final class CompletionCommand extends BaseCommand {

  /** The shells the script supports. */
  enum Shell {
    bash,
    zsh
  }

  @Parameters(
      arity = "0..1",
      paramLabel = "SHELL",
      defaultValue = "bash",
      description = "bash or zsh (default: ${DEFAULT-VALUE}; the same script serves both).")
  Shell shell;

  @Override
  public Integer call() {
    out().print(script());
    out().flush();
    return VconStorageCli.OK;
  }

  private String script() {
    return AutoComplete.bash(spec.root().name(), spec.root().commandLine());
  }
}
