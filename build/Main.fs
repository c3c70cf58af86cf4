/// The build graph: static targets plus one target per planned stage, run with FAKE (Fake.Core.Target 5).
module Build.Main

open System
open Fake.Core
open Fake.Core.TargetOperators
open Reproduce.Harness.Execution
open Reproduce.Harness.Execution.Slurm
open Reproduce.Harness.Runs
open Reproduce.Harness.Specs

let private staticTargets = set [ "Compile"; "Test"; "Bench"; "Clean"; "Plan"; "Data"; "Report" ]

[<EntryPoint>]
let main argv =
    match Args.parse argv with
    | Error message ->
        eprintfn "%s" message
        2
    | Ok args ->
        let root = args.Root |> Option.defaultValue (Workspace.FindRoot(Environment.CurrentDirectory))
        let profile =
            match args.Profile with
            | Some "base" -> null
            | Some p -> p
            | None -> "quick"
        let options =
            WorkspaceOptions(root, profile, Option.toObj args.Spec, Option.toNullable args.Jobs, Option.toObj args.Device,
                             Option.toNullable args.ThreadsPerJob)
        let execution = ExecutionOptions(args.Executor, args.Detach)
        let fake = Context.FakeExecutionContext.Create false "build.fsx" []
        Context.setExecutionContext (Context.RuntimeContext.Fake fake)
        try
            StaticTargets.create root options args.Extra
            "Compile" ==> "Test" |> ignore
            "Compile" ==> "Bench" |> ignore
            let session = lazy (Session.Start(options, execution))
            try
                // Stage targets need the plan; static targets (Test, Compile, ...) must work even when a spec is broken.
                if not (staticTargets.Contains args.Target) then
                    let workspace = Workspace.Open options
                    if args.Executor = ExecutionOptions.Slurm then
                        // On Slurm the cluster orders the stages (afterok dependencies): a target submits its stage's
                        // graph in one pass and follows it (or returns with --detach).
                        let submit (wanted: Reproduce.Harness.Planning.Stage list) =
                            let report = session.Value.Execute wanted
                            RunSummary.Write(report, session.Value.LogFile)
                            if report.Failures.Count > 0 then failwith (RunSummary.Headline report)
                        for stage in workspace.Graph.Stages do
                            Target.create stage.Id (fun _ -> submit [ stage ])
                        Target.create "Reproduce" (fun _ -> submit (List.ofSeq workspace.Graph.Stages))
                    else
                        // `./build.sh <stage id>`: FAKE orders the stage targets; each runs its stage with the session's executor.
                        StageTargets.create session workspace |> ignore
                        Target.create "Reproduce" (fun _ ->
                            // Every stage through the executor, not as FAKE targets: a failed stage fails only what depends on
                            // it, and every independent stage still runs (FAKE would stop the whole run at the first failure).
                            let report = session.Value.Execute workspace.Graph.Stages
                            // The report (figures, findings, provenance) closes the run, with what could be done; then the
                            // summary: the stages that failed with their errors, and how many could not run because of them.
                            let written = Reproduce.Harness.Cli.ReportCommand.Build(session.Value, null, false)
                            RunSummary.Write(report, session.Value.LogFile)
                            if report.Failures.Count > 0 then failwith (RunSummary.Headline report)
                            if written <> 0 then failwith "report: a plot or findings stage failed (see the log)"
                            Trace.log (sprintf "all %d stages done; report in artifacts/report/" workspace.Graph.Stages.Count))
                Target.run options.JobCount args.Target []
                0
            finally
                if session.IsValueCreated then session.Value.Dispose()
        with
        | :? SpecException as e ->
            eprintfn "error: %s" e.Message
            2
        | :? BuildFailedException as e ->
            // FAKE wraps a target's exception (in an AggregateException): the innermost message is the target's own.
            let rec innermost (x: exn) =
                match x.InnerException with
                | null -> x.Message
                | inner -> innermost inner
            eprintfn "build failed: %s" (innermost e)
            1
        | :? SlurmException as e ->
            eprintfn "error: %s" e.Message
            2
        | :? ArgumentException as e ->
            eprintfn "error: %s" e.Message
            2
