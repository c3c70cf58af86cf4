/// The static targets: Compile, Test, Bench, Clean, Data, Plan, Report.
module Build.StaticTargets

open System
open System.IO
open Fake.Core
open Reproduce.Harness.Cli
open Reproduce.Harness.Runs

let private testProject = Path.Combine("tests", "Reproduce.Tests.csproj")
let private benchProject = Path.Combine("bench", "Reproduce.Bench.csproj")

/// Creates the static targets; `root` is the repository root.
let create (root: string) (options: WorkspaceOptions) (extra: string list) =
    Target.create "Compile" (fun _ ->
        // The build project itself is already built by `dotnet run`; rebuilding it while it runs would overwrite its own files.
        Shell.dotnet root [ "build"; testProject; "-c"; "Release"; "--nologo"; "-v"; "quiet" ]
        Shell.dotnet root [ "build"; benchProject; "-c"; "Release"; "--nologo"; "-v"; "quiet" ])

    Target.create "Test" (fun _ ->
        Shell.dotnet root ([ "test"; testProject; "-c"; "Release"; "--no-build"; "--nologo"; "--logger"; "console;verbosity=normal" ] @ extra))

    Target.create "Bench" (fun _ -> Shell.dotnet root ([ "run"; "--project"; benchProject; "-c"; "Release"; "--no-build"; "--" ] @ extra))

    Target.create "Clean" (fun _ ->
        // Same as `reproduce clean`: the stage cache goes; the data cache stays unless `-- --data` is given.
        let cli = CliArguments.Parse([ "--root"; root ] @ extra, [| "root" |], [| "data" |])
        Commands.Clean cli |> ignore)

    Target.create "Plan" (fun _ -> PlanPrinter.Table(Workspace.Open options, Console.Out))

    Target.create "Data" (fun _ ->
        // Same as `reproduce data`: MNIST, Fashion-MNIST, CIFAR-10 and whatever the specs use; a set a spec needs must be had.
        let common =
            [ "--root"; root; "--jobs"; string options.JobCount; "--profile"; (if isNull options.Profile then "base" else options.Profile) ]
            @ (if isNull options.Spec then [] else [ "--spec"; options.Spec ])
        let cli = CliArguments.Parse(common @ extra, Commands.Valued, [||])
        match Commands.Data cli with
        | 0 -> ()
        | _ -> failwith "a data set that a spec needs could not be fetched (see above)")

    // Figures, findings and artifacts/report/ from the cache alone (runs only plot and findings stages whose inputs are done).
    Target.create "Report" (fun _ ->
        match ReportCommand.Build(options, null) with
        | 0 -> ()
        | _ -> failwith "report: a plot or findings stage failed (see the log)")
