import type { IconButtonProps, TemplatesType } from '@rjsf/utils';
import { ArrowDown, ArrowUp, Copy, Plus, X, type LucideIcon } from 'lucide-react';

/*
 * RJSF's default buttons draw Bootstrap glyphicons, a font this app does not load, so they
 * would render as empty boxes. These keep RJSF's behaviour and titles and draw lucide icons.
 */

function iconButton(Icon: LucideIcon, fallbackTitle: string, tone: 'plain' | 'danger') {
  function RjsfIconButton(props: IconButtonProps) {
    const {
      iconType: _iconType,
      icon: _icon,
      className = '',
      uiSchema: _uiSchema,
      registry: _registry,
      title,
      ...rest
    } = props;
    return (
      <button
        type="button"
        title={title ?? fallbackTitle}
        aria-label={title ?? fallbackTitle}
        {...rest}
        className={`rjsf-icon-button ${tone === 'danger' ? 'rjsf-icon-button-danger' : ''} ${className}`}
      >
        <Icon size={13} />
      </button>
    );
  }
  return RjsfIconButton;
}

function AddButton(props: IconButtonProps) {
  const { id, onClick, disabled, className = '' } = props;
  return (
    <button
      id={id}
      type="button"
      onClick={onClick}
      disabled={disabled}
      className={`rjsf-add-button ${className}`}
    >
      <Plus size={13} /> Add
    </button>
  );
}

/** The button templates handed to the arguments form. */
export const buttonTemplates: Partial<TemplatesType['ButtonTemplates']> = {
  AddButton,
  CopyButton: iconButton(Copy, 'Copy', 'plain'),
  MoveUpButton: iconButton(ArrowUp, 'Move up', 'plain'),
  MoveDownButton: iconButton(ArrowDown, 'Move down', 'plain'),
  RemoveButton: iconButton(X, 'Remove', 'danger'),
  ClearButton: iconButton(X, 'Clear', 'plain'),
};
