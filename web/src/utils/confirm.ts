import { ElMessageBox } from 'element-plus'
import 'element-plus/es/components/message-box/style/css'

import { translate } from '@/i18n'

/** Asks the user to confirm; resolves false when they cancel. */
export async function confirmAction(message: string): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, translate('common.confirmTitle'), {
      type: 'warning',
      confirmButtonText: translate('common.confirm'),
      cancelButtonText: translate('common.cancel'),
    })
    return true
  } catch {
    return false
  }
}
