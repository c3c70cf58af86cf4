/// Runs the tools the static targets need (dotnet, the CLI) with inherited output; a non-zero exit fails the target.
module Build.Shell

open System.Diagnostics

/// Runs `program args` in `dir`, streaming its output; fails with the exit code.
let run (dir: string) (program: string) (args: string list) (env: (string * string) list) =
    let psi = ProcessStartInfo(program, args, WorkingDirectory = dir, UseShellExecute = false)
    for (k, v) in env do
        psi.Environment[k] <- v
    match Process.Start psi with
    | null -> failwithf "could not start %s" program
    | p ->
        use p = p
        p.WaitForExit()
        if p.ExitCode <> 0 then
            failwithf "%s %s exited with code %d" program (String.concat " " args) p.ExitCode

/// Runs `dotnet args` in `dir`.
let dotnet (dir: string) (args: string list) = run dir "dotnet" args []
