// Types shared by main.bicep and the modules.

@export()
@description('Resource tags: string values only.')
type resourceTags = {
  *: string
}
