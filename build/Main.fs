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
        let options = WorkspaceOptions(root, profile, Option.toObj args.Spec, args.Jobs, Option.toObj args.Device)
        let execution = Context.FakeExecutionContext.Create false "build.fsx" []
        Context.setExecutionContext (Context.RuntimeContext.Fake execution)
        try
            StaticTargets.create root options args.Extra
            "Compile" ==> "Test" |> ignore
            "Compile" ==> "Bench" |> ignore
            let session = lazy (Session.Start options)
            try
                // Stage targets need the plan; static targets (Test, Compile, ...) must work even when a spec is broken.
                if not (staticTargets.Contains args.Target) then
                    let workspace = Workspace.Open options
                    let stages =
                        if args.Executor = ExecutionOptions.Slurm then
                            // On Slurm the cluster orders the stages (afterok dependencies): a target submits its stage's
                            // graph in one pass and follows it (or returns with --detach).
                            let execution = ExecutionOptions(args.Executor, args.Detach)
                            let submit (wanted: Reproduce.Harness.Planning.Stage list) =
                                let report = (Executors.Create(session.Value, execution)).ExecuteAsync(ResizeArray wanted).GetAwaiter().GetResult()
                                for f in report.Failures do
                                    Trace.traceError (sprintf "%s failed: %s" f.Stage.Id f.Message)
                                if report.Failures.Count > 0 then failwithf "%d stage(s) failed on Slurm" report.Failures.Count
                            for stage in workspace.Graph.Stages do
                                Target.create stage.Id (fun _ -> submit [ stage ])
                            Target.create "Reproduce" (fun _ -> submit (List.ofSeq workspace.Graph.Stages))
                            []
                        else
                            StageTargets.create session workspace
                    if args.Executor <> ExecutionOptions.Slurm then
                        Target.create "Reproduce" (fun _ ->
                            // Every stage through the executor, not as FAKE targets: a failed stage fails only what depends on
                            // it, and every independent stage still runs (FAKE would stop the whole run at the first failure).
                            let failed = session.Value.RunAll workspace.Graph.Stages
                            // The report (figures, findings, provenance) closes the run, with what could be done.
                            let report = Reproduce.Harness.Cli.ReportCommand.Build(session.Value, null)
                            if failed > 0 then
                                failwithf "%d stage(s) failed or could not run (each is logged above and in artifacts/logs/); the report shows the rest" failed
                            if report <> 0 then failwith "report: a plot or findings stage failed (see the log)"
                            Trace.log (sprintf "all %d stages done; report in artifacts/report/" stages.Length))
                Target.run args.Jobs args.Target []
                0
            finally
                if session.IsValueCreated then session.Value.Dispose()
        with
        | :? SpecException as e ->
            eprintfn "error: %s" e.Message
            2
        | :? BuildFailedException as e ->
            eprintfn "build failed: %s" (e.InnerException |> Option.ofObj |> Option.map (fun i -> i.Message) |> Option.defaultValue e.Message)
            1
        | :? SlurmException as e ->
            eprintfn "error: %s" e.Message
            2
        | :? ArgumentException as e ->
            eprintfn "error: %s" e.Message
            2
