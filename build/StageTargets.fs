/// One FAKE target per planned stage, with the planner's edges: `./build.sh <stage id>` runs that stage and what it needs.
module Build.StageTargets

open Fake.Core
open Fake.Core.TargetOperators
open Reproduce.Harness.Runs

/// Creates a target per stage of `workspace`; stages run with the shared `session`'s executor (opened on first use).
let create (session: Lazy<Session>) (workspace: Workspace) =
    for stage in workspace.Graph.Stages do
        Target.create stage.Id (fun _ -> session.Value.RunTarget stage.Id)
    for stage in workspace.Graph.Stages do
        for input in stage.Inputs do
            workspace.Graph[input].Id ==> stage.Id |> ignore
    workspace.Graph.Stages |> Seq.map (fun s -> s.Id) |> List.ofSeq
