/** Pulumi entry point (Pulumi.yaml `main`). Every key of the returned object is a stack output. */
import { runProgram } from "./program";

export = runProgram();
