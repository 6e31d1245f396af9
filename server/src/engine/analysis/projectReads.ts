// A count of the questions whose answer depends on files that do not import the file asked about:
// who calls a project function, across the whole program (blockingReach.ts). The CLI's --cache
// reads it around each file's analysis: a file whose findings needed such an answer is reused only
// while no file of its project changed, since any file may add or remove a caller.
let reads = 0;

export function noteProjectWideRead(): void {
  reads++;
}

export function projectWideReads(): number {
  return reads;
}
