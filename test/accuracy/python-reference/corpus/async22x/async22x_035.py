import subprocess

class Runner:
    async def run(self, args):
        result = subprocess.run(args, capture_output=True)
        return result.stdout
