// Runs requests through @cloud-copilot/iam-simulate, an IAM evaluator written independently of ours.
// stdin: a JSON array of {id, principal, action, resource, resourceAccount, context, identity: [{name, policy}],
// resourcePolicy}; stdout: a JSON array of {id, result, errors, ignoredContextKeys}, result being Allowed,
// ExplicitlyDenied, ImplicitlyDenied, or "error" when the simulator refused the input.
//
// Each request is first validated by the package's public runSimulation. That entry point drops context
// keys it cannot match to the action's documented keys, and it does not recognise
// kms:EncryptionContext:<key> (its variable-key match only handles keys with a "/"), so the verdict is
// then taken from the package's own engine (the `authorize` that runSimulation and runUnsafeSimulation
// both call) with the whole context, as runUnsafeSimulation does but with the resource policy named
// (runUnsafeSimulation crashes on an unnamed one).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { runSimulation } from '@cloud-copilot/iam-simulate'
import { loadPolicy } from '@cloud-copilot/iam-policy'

const here = path.dirname(fileURLToPath(import.meta.url))
const esm = (p) => import(pathToFileURL(path.join(here, 'node_modules/@cloud-copilot/iam-simulate/dist/esm', p)).href)
const { authorize } = await esm('core_engine/CoreSimulatorEngine.js')
const { AwsRequestImpl } = await esm('request/request.js')
const { RequestContextImpl } = await esm('requestContext.js')
const { DiscoveryContextKeyConstraints } = await esm('context_keys/discoveryContextKeyConstraints.js')

const requests = JSON.parse(readFileSync(0, 'utf8'))
const out = []
for (const r of requests) {
  const simulation = {
    request: {
      principal: r.principal,
      action: r.action,
      resource: { resource: r.resource, accountId: r.resourceAccount },
      contextVariables: r.context
    },
    identityPolicies: r.identity.map((p) => ({ name: p.name, policy: p.policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: r.resourcePolicy ?? undefined
  }
  const checked = await runSimulation(simulation, {})
  if (checked.resultType === 'error') {
    out.push({ id: r.id, result: 'error', errors: checked.errors })
    continue
  }
  const request = new AwsRequestImpl(r.principal, { resource: r.resource, accountId: r.resourceAccount }, r.action,
    new RequestContextImpl(r.context))
  const analysis = authorize({
    request,
    sessionPolicy: undefined,
    identityPolicies: r.identity.map((p) => loadPolicy(p.policy, { name: p.name })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: r.resourcePolicy ? loadPolicy(r.resourcePolicy, { name: 'resource' }) : undefined,
    permissionBoundaries: undefined,
    vpcEndpointPolicies: undefined,
    simulationParameters: { simulationMode: 'Strict', discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) },
    serviceSettings: { s3: {} }
  })
  out.push({ id: r.id, result: analysis.result, ignoredContextKeys: checked.result?.ignoredContextKeys ?? [] })
}
process.stdout.write(JSON.stringify(out))
